using JasperFx.Events.Projections;
using Polri110.Contracts;
using Polri110.Intake.Callers;
using Polri110.Intake.Reports;
using Polri110.Intake.Reports.FlaggingAsPrank;
using Polri110.Intake.Reports.LinkingDuplicates;
using Polri110.Intake.Reports.ReceivingReport;
using Polri110.Intake.Reports.Reopening;
using Polri110.Jurisdictions.Regions;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.Privacy;

var builder = WebApplication.CreateBuilder(args);
var callerKey = CallerKey.From(builder.Configuration);
builder.Services.AddSingleton(callerKey);
builder.AddPolri110Service(new ServiceDescription(
    Name: "intake",
    ApplicationAssembly: typeof(Program).Assembly,
    DaemonLockId: 110_001,
    PublishedEvents: [typeof(ReportReceived), typeof(ReportFlaggedAsPrank), typeof(ReportLinkedAsDuplicate), typeof(ReportUnlinked), typeof(ReportReopened)],
    ConfigureStore: store =>
    {
        IntakeStore.Configure(store);
        store.Schema.For<CallerCall>().Index(call => call.CallerKey).Index(call => call.District);
        store.Projections.Add(new CallerCallProjection(callerKey), ProjectionLifecycle.Async);
        PersonalDataReads.Configure(store);
    },
    ServesWithoutBus: true,
    AuditDocuments: [PersonalDataReads.AuditRecord]));

builder.Services.AddSingleton(RegionDirectory.LoadShipped());
builder.Services.Configure<CallerHistoryPolicy>(builder.Configuration.GetSection("Callers"));

var app = builder.Build();
app.UsePolri110Defaults();
app.MapReceiveReport();
app.MapFlagAsPrank();
app.MapCallerHistory();
app.MapReopenReport();
app.MapDuplicates();
app.RunOrMigrate();

/// <summary>Visible to the test host.</summary>
public partial class Program;
