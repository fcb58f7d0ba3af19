using JasperFx.Events.Projections;
using Polri110.Contracts;
using Polri110.Dispatch.Broker;
using Polri110.Dispatch.Reports.Acknowledging;
using Polri110.Dispatch.Reports.Assigning;
using Polri110.Dispatch.Reports.DeliveringToStation;
using Polri110.Dispatch.Reports.Escalating;
using Polri110.Dispatch.Reports.FlaggingAsPrank;
using Polri110.Dispatch.Reports.ListingStationReports;
using Polri110.Dispatch.Reports.Rejecting;
using Polri110.Dispatch.Reports.Resolving;
using Polri110.Dispatch.Reports;
using Polri110.Dispatch.Sla;
using Polri110.Dispatch.Stations;
using Polri110.Dispatch.Stations.IssuingCredentials;
using Polri110.Jurisdictions.Map;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);
var sla = builder.Configuration.GetSection("Sla").Get<SlaPolicy>() ?? new SlaPolicy();
builder.AddPolri110Service(new ServiceDescription(
    Name: "dispatch",
    ApplicationAssembly: typeof(Program).Assembly,
    DaemonLockId: 110_003,
    // ReportFlaggedAsPrank is appended here too, but Intake's publisher already publishes every one of them.
    PublishedEvents: [typeof(ReportAcknowledged), typeof(ReportAssigned), typeof(ReportRejected), typeof(ReportEscalated), typeof(ReportResolved)],
    ConfigureStore: store =>
    {
        store.Schema.For<StationDelivery>();
        store.Schema.For<StationReport>().Index(report => report.PolresId).Index(report => report.PolsekId).Index(report => report.NextEscalationAt);
        store.Projections.Add(new StationReportProjection(sla), ProjectionLifecycle.Async);
        StationGenerations.Configure(store);
    },
    IssuesStationTokens: true));
builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(sla));
builder.Services.AddSingleton(JurisdictionMap.LoadShipped());
builder.Services.AddSingleton<StationQueues>();
builder.Services.AddHealthChecks().AddCheck<StationQueuesHealthCheck>("station-queues", tags: ["bus"]);
builder.Services.AddSingleton<StationDeliveries>();
builder.Services.AddSingleton<StationGenerations>();
builder.Services.AddSingleton<IStationCredentialGenerations>(services => services.GetRequiredService<StationGenerations>());
builder.Services.AddHttpClient<BrokerManagement>();
builder.Services.AddHostedService<EscalationWatch>();

var app = builder.Build();
app.UsePolri110Defaults();
var station = app.MapStationCommands();
station.MapAcknowledgeReport();
station.MapAssignReport();
station.MapResolveReport();
station.MapRejectReport();
station.MapFlagAsPrank();
app.MapListStationReports();
app.MapIssueStationCredentials();
app.RunOrMigrate();

/// <summary>Visible to the test host.</summary>
public partial class Program;
