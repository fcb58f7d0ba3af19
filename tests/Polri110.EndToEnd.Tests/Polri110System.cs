using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.EndToEnd.Tests.Telemetry;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests;

/// <summary>The four services as separate processes, on their own database and virtual host.</summary>
public sealed class Polri110System : IAsyncLifetime
{
    private readonly Dictionary<string, ServiceProcess> services = new();
    private readonly ConcurrentDictionary<string, HttpClient> stations = new();

    public string AmqpUri { get; private set; } = "";

    /// <summary>Where every service exports its spans, as it would to a collector.</summary>
    public OtlpTraceReceiver Traces { get; } = new();

    /// <summary>The event store's database and its roles, for checks that nothing was written.</summary>
    public TestDatabase Database { get; private set; } = null!;

    public ServiceProcess this[string name] => services[name];

    public HttpClient Intake { get; private set; } = null!;

    public HttpClient Tracking { get; private set; } = null!;

    public HttpClient Routing { get; private set; } = null!;

    public Uri AddressOf(string service) => services[service].BaseAddress;

    public async Task InitializeAsync()
    {
        AmqpUri = await TestServers.CreateVirtualHostAsync("e2e");
        Database = await TestServers.CreateDatabaseAsync("e2e");
        foreach (var name in new[] { "Intake", "Routing", "Dispatch", "Tracking" })
        {
            var amqp = TestServers.AmqpUriAs(AmqpUri, BrokerUserOf(name));
            var environment = EnvironmentOf(name, Database.AsService, amqp, TestServers.BrokerManagementForStations);
            foreach (var (key, value) in Traces.ServiceEnvironment)
            {
                environment[key] = value;
            }

            services[name] = new ServiceProcess(name, environment);
            await services[name].MigrateAsync(Database.AsOwner);
        }

        // Start one by one: on two cores, four cold starts at once only slow each other down.
        foreach (var service in services.Values)
        {
            await service.StartAsync();
        }

        Intake = ClientOf("Intake", TestTokens.For(Roles.Operator, subject: "operator-e2e"));
        Tracking = ClientOf("Tracking", TestTokens.For(Roles.Auditor));
        Routing = ClientOf("Routing", TestTokens.For(Roles.Supervisor));
    }

    /// <summary>
    /// What a service process is given, as ./run.sh gives it: the database as the services' role, the broker as the
    /// service's own user, and (Dispatch only) the management user that issues station credentials.
    /// </summary>
    public static Dictionary<string, string> EnvironmentOf(string service, string database, string serviceAmqpUri, Uri stationsManagement)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Polri110"] = database,
            ["ConnectionStrings__RabbitMq"] = serviceAmqpUri,
        };
        foreach (var (key, value) in TestTokens.ServiceEnvironment)
        {
            environment[key] = value;
        }

        if (service == "Dispatch")
        {
            environment["RabbitMq__ManagementUri"] = stationsManagement.ToString();
        }

        return environment;
    }

    /// <summary>The service's own broker user (deploy/rabbitmq/service-permissions.tsv).</summary>
    public static string BrokerUserOf(string service) => $"polri110-{service.ToLowerInvariant()}";

    /// <summary>The Dispatch API as the desk of one Polres sees it.</summary>
    public HttpClient Station(string polresId) =>
        stations.GetOrAdd(polresId, id => ClientOf("Dispatch", TestTokens.For(Roles.Station, id)));

    private HttpClient ClientOf(string service, string token) => new()
    {
        BaseAddress = services[service].BaseAddress,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    public async Task<Guid> PostReportAsync(object report)
    {
        var response = await Intake.PostAsJsonAsync("/api/reports", report);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reportId").GetGuid();
    }

    public async Task<JsonElement> WaitForTrackingAsync(Guid reportId, string status) =>
        await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var response = await Tracking.GetAsync($"/api/reports/{reportId}");
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
            return summary.GetProperty("status").GetString() == status ? summary : null;
        }, TimeSpan.FromSeconds(30), $"Tracking to show report {reportId} as {status}") ?? default;

    public async Task<JsonElement[]> HistoryAsync(Guid reportId) =>
        (await Tracking.GetFromJsonAsync<JsonElement[]>($"/api/reports/{reportId}/history"))!;

    public async Task DisposeAsync()
    {
        foreach (var service in services.Values)
        {
            await service.DisposeAsync();
        }

        await Traces.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<Polri110System>
{
    public const string Name = "The whole system";
}
