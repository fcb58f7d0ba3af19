using System.Text.Json.Serialization.Metadata;
using JasperFx.Events.Projections;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Privacy;
using Polri110.Tracking.Audit;
using Polri110.Tracking.Reports;
using Polri110.Tracking.Reports.Closing;
using Polri110.Tracking.Reports.GettingHistory;
using Polri110.Tracking.Reports.GettingReport;
using Polri110.Tracking.Reports.GettingStateAtTime;
using Polri110.Tracking.Reports.ListingReports;
using Polri110.Tracking.Reports.TrackingByCode;
using Polri110.Tracking.Stations;

var builder = WebApplication.CreateBuilder(args);
var lookupKey = PublicLookupKey.From(builder.Configuration);
builder.Services.AddSingleton(lookupKey);
// The auditors' search of personal-data readings by number; Routing and Dispatch never see a number's key.
builder.Services.AddSingleton(CallerKey.From(builder.Configuration));
builder.AddPolri110Service(new ServiceDescription(
    Name: "tracking",
    ApplicationAssembly: typeof(Program).Assembly,
    DaemonLockId: 110_004,
    PublishedEvents: [typeof(Polri110.Contracts.ReportClosed)],
    ConfigureStore: store =>
    {
        store.Schema.For<ReportSummary>()
            .Index(report => report.PolresId)
            .Index(report => report.TrackingCode)
            .Index(report => report.ReceivedAt)
            .Index(report => report.ResolvedAt);
        store.Projections.Add(new ReportSummaryProjection(lookupKey), ProjectionLifecycle.Async);
        PersonalDataReads.Configure(store);
        WrongTriesCounter.Configure(store);
        store.Schema.For<ReportSeal>();
        store.Events.Subscribe(new ReportSealer());
    },
    AuditDocuments: [PersonalDataReads.AuditRecord, new(typeof(ReportSeal), GrowsInPlace: true)]));
builder.AddPublicTrackingLimits();
builder.Services.Configure<ClosingPolicy>(builder.Configuration.GetSection("Closing"));
builder.Services.AddHostedService<ResolvedReportCloser>();
builder.Services.ConfigureHttpJsonOptions(json =>
    json.SerializerOptions.TypeInfoResolver = json.SerializerOptions.TypeInfoResolver!.WithAddedModifier(ReportSummary.HideFromApi));

var app = builder.Build();
app.UsePolri110Defaults();
app.UseRateLimiter();
app.MapGetReport();
app.MapGetReportHistory();
app.MapCloseReport();
app.MapGetReportStateAt();
app.MapListReports();
app.MapGetStationPerformance();
app.MapTrackReport();
app.MapPersonalDataReads();
app.MapVerifyReport();
app.RunOrMigrate();

/// <summary>Visible to the test host.</summary>
public partial class Program;
