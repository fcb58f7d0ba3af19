using Polri110.Contracts;
using Polri110.Dispatch.Reports.DeliveringToStation;
using Polri110.Dispatch.Stations;
using Polri110.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddPolri110Service(new ServiceDescription(
    Name: "dispatch",
    ApplicationAssembly: typeof(Program).Assembly,
    DaemonLockId: 110_003,
    // ReportFlaggedAsPrank is appended here too, but Intake's publisher already publishes every one of them.
    PublishedEvents: [typeof(ReportAcknowledged), typeof(ReportAssigned), typeof(ReportRejected), typeof(ReportEscalated), typeof(ReportResolved)],
    ConfigureStore: store => store.Schema.For<StationDelivery>()));
builder.Services.Configure<SlaPolicy>(builder.Configuration.GetSection("Sla"));
builder.Services.AddSingleton<StationQueues>();

var app = builder.Build();
app.UsePolri110Defaults();
app.MapStationEndpoints();
app.Run();

/// <summary>Visible to the test host.</summary>
public partial class Program;
