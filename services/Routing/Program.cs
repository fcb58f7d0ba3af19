using System.Diagnostics;
using JasperFx.Events.Projections;
using Polri110.Contracts;
using Polri110.Jurisdictions.Map;
using Polri110.Jurisdictions.Regions;
using Polri110.Routing.Jurisdictions;
using Polri110.Routing.Reports.Triage;
using Polri110.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddPolri110Service(new ServiceDescription(
    Name: "routing",
    ApplicationAssembly: typeof(Program).Assembly,
    DaemonLockId: 110_002,
    PublishedEvents: [typeof(ReportForwarded), typeof(ReportRoutingFailed)],
    ConfigureStore: store => store.Projections.Add<TriageProjection>(ProjectionLifecycle.Async)));

// Loaded once, before the first report: every region of Indonesia and the jurisdiction map, in memory.
var loading = Stopwatch.StartNew();
var regions = RegionDirectory.LoadShipped();
var map = JurisdictionMap.LoadShipped();
builder.Services.AddSingleton(regions);
builder.Services.AddSingleton(map);
builder.Services.AddSingleton<JurisdictionLookup>();

var app = builder.Build();
app.Logger.LogInformation(
    "Loaded {Regions} regions and jurisdiction map {Version} ({Polda} Polda, {Polres} Polres, {Polsek} Polsek) in {Milliseconds} ms",
    regions.All.Count(), map.Version, map.PoldaCount, map.PolresCount, map.PolsekCount, loading.ElapsedMilliseconds);
app.UsePolri110Defaults();
app.MapResolveJurisdiction();
app.MapSearchRegions();
app.MapTriage();
app.RunOrMigrate();

/// <summary>Visible to the test host.</summary>
public partial class Program;
