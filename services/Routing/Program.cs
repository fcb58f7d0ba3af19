using Polri110.Contracts;
using Polri110.Routing.Jurisdictions;
using Polri110.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddPolri110Service(new ServiceDescription(
    Name: "routing",
    ApplicationAssembly: typeof(Program).Assembly,
    DaemonLockId: 110_002,
    PublishedEvents: [typeof(ReportForwarded), typeof(ReportRoutingFailed)]));
builder.Services.AddSingleton(JurisdictionMap.LoadShipped());

var app = builder.Build();
app.UsePolri110Defaults();
app.MapResolveJurisdiction();
app.Run();

/// <summary>Visible to the test host.</summary>
public partial class Program;
