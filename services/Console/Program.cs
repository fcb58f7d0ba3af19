using MassTransit;
using MudBlazor.Services;
using Polri110.Console;
using Polri110.Console.Api;
using Polri110.Console.Language;
using Polri110.Console.Live;
using Polri110.Console.Operator;
using Polri110.Console.SignIn;
using Polri110.ServiceDefaults.Messaging;
using Polri110.ServiceDefaults.Observability;

// The consoles (SPEC §8): pages for operators, station desks, supervisors and auditors. A client of the four
// services' HTTP APIs with the signed-in person's token; it owns no report data. Live updates come from the bus.
var builder = WebApplication.CreateBuilder(args);
builder.AddPolri110Telemetry("console");
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
builder.Services.AddSingleton(TimeProvider.System);
builder.AddConsoleSignIn();
builder.Services.AddSingleton<DevelopmentTokens>();
builder.Services.AddSingleton<RecentCalls>();
builder.Services.AddScoped<ServiceApi>();
// HttpClient's own logging writes every request's URL, and the caller-history URL holds a phone number.
builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
foreach (var service in Enum.GetValues<Service>())
{
    var address = builder.Configuration[$"Services:{service}"]
        ?? throw new InvalidOperationException($"Services:{service} (the {service} service's base address) is not configured.");
    builder.Services.AddHttpClient(service.ToString(), client =>
    {
        client.BaseAddress = new Uri(address);
        client.Timeout = TimeSpan.FromSeconds(10);
    });
}

builder.Services.AddSingleton<ReportFeed>();
builder.Services.AddMassTransit(bus =>
{
    bus.DisableUsageTelemetry();
    bus.AddConsumer<ReportChangeConsumer>();
    bus.UsingRabbitMq((context, rabbit) =>
    {
        rabbit.Host(new Uri(builder.Configuration.BusConnectionString()));
        // A queue of this instance's own, deleted when it stops: every instance tells its own open pages.
        rabbit.ReceiveEndpoint(
            new TemporaryEndpointDefinition("console"), null, endpoint => endpoint.ConfigureConsumer<ReportChangeConsumer>(context));
    });
});
builder.Services.AddOptions<MassTransitHostOptions>().Configure(host => host.WaitUntilStarted = false);
builder.Services.AddHealthChecks();

var app = builder.Build();
app.UseConsoleCultures();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
app.MapPolri110Metrics();
app.MapConsoleSignIn();
app.MapLanguageChoice();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

/// <summary>Visible to the test host.</summary>
public partial class Program;
