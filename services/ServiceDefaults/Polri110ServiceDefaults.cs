using System.Reflection;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;
using Polri110.ServiceDefaults.Messaging;
using Polri110.ServiceDefaults.Observability;

namespace Polri110.ServiceDefaults;

/// <summary>What makes one Polri 110 service different from the others; everything else is shared.</summary>
/// <param name="Name">Short lower-case name: "intake", "routing", "dispatch", "tracking". Also the actor of its automatic events.</param>
/// <param name="ApplicationAssembly">The service's own assembly: its consumers, projections and Marten code live there.</param>
/// <param name="DaemonLockId">Advisory-lock id for this service's async daemon leader; unique per service sharing the database.</param>
/// <param name="PublishedEvents">The event types this service publishes to the bus after commit: those it appends. Each type has exactly one publishing service.</param>
/// <param name="ConfigureStore">Service-specific Marten registrations (documents, projections).</param>
/// <param name="ServesWithoutBus">True where requests need only the store (Intake): the broker being away then does not make the service unready.</param>
/// <param name="AuditDocuments">Documents the database must refuse to change or remove, as it does events (<see cref="AuditDocument"/>).</param>
/// <param name="IssuesStationTokens">
/// True for Dispatch: it signs station tokens with a key of its own (<see cref="AuthSetup.StationSigningKeySetting"/>) and
/// accepts them, as station tokens only.
/// </param>
public sealed record ServiceDescription(
    string Name,
    Assembly ApplicationAssembly,
    int DaemonLockId,
    IReadOnlyList<Type> PublishedEvents,
    Action<StoreOptions>? ConfigureStore = null,
    bool ServesWithoutBus = false,
    IReadOnlyList<AuditDocument>? AuditDocuments = null,
    bool IssuesStationTokens = false)
{
    public IReadOnlyList<AuditDocument> AuditDocuments { get; } = AuditDocuments ?? [];

    /// <summary>The actor recorded on events this service appends on its own (not on behalf of a person).</summary>
    public string Actor => $"{Name}-service";
}

public static class Polri110ServiceDefaults
{
    /// <summary>Largest request body any endpoint accepts; a report is a few kilobytes.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Wires the plumbing every service shares: event store, bus with the committed-event publisher,
    /// JSON, problem details, client addresses behind trusted proxies, telemetry, health checks and OpenAPI.
    /// </summary>
    public static WebApplicationBuilder AddPolri110Service(this WebApplicationBuilder builder, ServiceDescription service)
    {
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddExceptionHandler<StoreUnavailableHandler>();
        builder.Services.AddOpenApi();
        builder.AddTrustedProxies();
        builder.AddPolri110Telemetry(service.Name);

        builder.AddPolri110Auth(service);
        builder.AddReportEventStore(service);
        if (!EventStoreSetup.IsMigration(builder.Configuration))
        {
            builder.AddReportBus(service);
        }

        builder.Services.AddHealthChecks().AddNpgSql(
            services => services.GetRequiredKeyedService<NpgsqlDataSource>(EventStoreSetup.HealthCheckDataSource), name: "postgresql", tags: ["ready"]);
        return builder;
    }

    /// <summary>Maps what every service serves besides its own API: OpenAPI, the two health endpoints and the metrics.</summary>
    public static WebApplication UsePolri110Defaults(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RefuseOversizedBodies);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        var service = app.Services.GetRequiredService<ServiceDescription>();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready") || (!service.ServesWithoutBus && check.Tags.Contains("bus")),
        }).AllowAnonymous();
        app.MapPolri110Metrics();
        return app;
    }

    /// <summary>
    /// Serves until stopped; or, started with the verb <c>migrate</c>, applies the event store's schema and grants as its
    /// owner (<see cref="EventStoreMigration"/>) and exits without serving: deployments run it before the services start.
    /// </summary>
    public static void RunOrMigrate(this WebApplication app)
    {
        if (EventStoreSetup.IsMigration(app.Configuration))
        {
            app.Services.GetRequiredService<EventStoreMigration>().StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            return;
        }

        app.Run();
    }

    // Kestrel enforces the limit while reading; this answers a declared oversized body before any reading,
    // and applies the same limit on hosts without Kestrel's (the in-process test host).
    private static Task RefuseOversizedBodies(HttpContext http, RequestDelegate next)
    {
        if (http.Request.ContentLength > MaxRequestBodyBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        return next(http);
    }
}
