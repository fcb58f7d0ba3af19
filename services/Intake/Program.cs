using Polri110.Contracts;
using Polri110.Jurisdictions.Regions;
using Polri110.Intake.Reports;
using Polri110.Intake.Reports.ReceivingReport;
using Polri110.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddPolri110Service(new ServiceDescription(
    Name: "intake",
    ApplicationAssembly: typeof(Program).Assembly,
    DaemonLockId: 110_001,
    PublishedEvents: [typeof(ReportReceived), typeof(ReportFlaggedAsPrank), typeof(ReportLinkedAsDuplicate), typeof(ReportUnlinked), typeof(ReportReopened)],
    ConfigureStore: IntakeStore.Configure,
    ServesWithoutBus: true));

builder.Services.AddSingleton(RegionDirectory.LoadShipped());

var app = builder.Build();
app.UsePolri110Defaults();
app.MapReceiveReport();
app.Run();

/// <summary>Visible to the test host.</summary>
public partial class Program;
