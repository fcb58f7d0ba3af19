using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.Messaging;
using Xunit;

namespace Polri110.Testing;

/// <summary>
/// One service in-process (its real Program, bus and daemon) against its own database and virtual host on
/// the test servers. Use as a class fixture: <c>IClassFixture&lt;ServiceHost&lt;Program&gt;&gt;</c>.
/// </summary>
public class ServiceHost<TProgram> : IAsyncLifetime
    where TProgram : class
{
    private readonly ConcurrentDictionary<string, HttpClient> clients = new();
    private readonly TestDatabase? sharedDatabase;
    private readonly string? sharedAmqpUri;
    private WebApplicationFactory<TProgram>? factory;

    public ServiceHost()
    {
    }

    /// <summary>Another instance of a service on the same database and virtual host, e.g. to test scale-out.</summary>
    protected ServiceHost(TestDatabase database, string amqpUri)
    {
        sharedDatabase = database;
        sharedAmqpUri = amqpUri;
    }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>The database, and the roles that reach it: the service runs as <see cref="TestDatabase.AsService"/>.</summary>
    public TestDatabase Database { get; private set; } = null!;

    public string AmqpUri { get; private set; } = "";

    public IServiceProvider Services => factory!.Services;

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public IBus Bus => Services.GetRequiredService<IBus>();

    /// <summary>How often this host's consumers finished with each message: lets a test wait for a redelivery to be handled.</summary>
    public ConsumeCounter Consumed { get; } = new();

    /// <summary>Extra configuration, e.g. short SLA deadlines.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Database = sharedDatabase ?? await TestServers.CreateDatabaseAsync(typeof(TProgram).Assembly.GetName().Name!.Split('.')[^1]);
        AmqpUri = sharedAmqpUri ?? await TestServers.CreateVirtualHostAsync("service");
        if (sharedDatabase is null)
        {
            await MigrateAsync();
        }

        factory = new WebApplicationFactory<TProgram>().WithWebHostBuilder(host =>
        {
            Configure(host);
            host.UseSetting("ConnectionStrings:Polri110", Database.AsService);
        });
        Anonymous = factory.CreateClient();
        Bus.ConnectConsumeObserver(Consumed);
        await Eventually.TrueAsync(
            async () => (await Anonymous.GetAsync("/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60),
            "the service to be ready");
    }

    /// <summary>
    /// What a deployment does before the service starts: the store's owner applies the schema and grants. Starting the
    /// service's host in migration mode runs it (the migration is the first thing it starts).
    /// </summary>
    private async Task MigrateAsync()
    {
        await using var migration = new WebApplicationFactory<TProgram>().WithWebHostBuilder(host =>
        {
            Configure(host);
            host.UseSetting("EventStore:Migrate", "true");
            host.UseSetting("ConnectionStrings:Polri110Owner", Database.AsOwner);
        });
        _ = migration.Services;
    }

    private void Configure(IWebHostBuilder host)
    {
        host.UseSetting("RabbitMq:ManagementUri", TestServers.BrokerManagementWithCredentials.ToString());
        foreach (var (key, value) in TestTokens.ServiceSettings)
        {
            host.UseSetting(key, value);
        }

        // In-process hosts connect as the broker's administrator: tests publish the events of other services through them.
        host.UseSetting("ConnectionStrings:RabbitMq", AmqpUri);
        // Poison messages should reach _error within a test's patience.
        host.UseSetting("Bus:RetryLimit", "1");
        foreach (var (key, value) in Settings)
        {
            host.UseSetting(key, value);
        }
    }

    /// <summary>
    /// A client without a token whose connection comes from <paramref name="peer"/> (the in-process server has no
    /// peer address of its own), e.g. to test per-address limits and which proxies' forwarded headers are believed.
    /// </summary>
    public HttpClient AnonymousFrom(string peer) =>
        clients.GetOrAdd($"peer|{peer}", _ => new HttpClient(
            factory!.Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Parse(peer)))
        {
            BaseAddress = factory.Server.BaseAddress,
        });

    /// <summary>A client carrying a valid token for the role (and, for a station, its Polres).</summary>
    public HttpClient As(string role, string? station = null, string? subject = null) =>
        clients.GetOrAdd($"{role}|{station}|{subject}", _ =>
        {
            var client = factory!.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(role, station, subject));
            return client;
        });

    /// <summary>A client carrying the given token, e.g. one the service issued.</summary>
    public HttpClient WithToken(string token)
    {
        var client = factory!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Appends events to a report's stream as the service that owns them would, committed.</summary>
    public async Task<IReadOnlyList<Guid>> AppendAsync(Guid reportId, params object[] events)
    {
        await using var session = Store.LightweightSession();
        var action = session.Events.Append(reportId, events);
        await session.SaveChangesAsync();
        return action.Events.Select(e => e.Id).ToList();
    }

    /// <summary>
    /// Publishes an event on the bus as the committed-event publisher does: message id = event id, and the correlation id
    /// of the event's chain when one is given.
    /// </summary>
    public Task PublishAsync(object @event, Guid eventId, string? correlationId = null) =>
        Bus.Publish(@event, @event.GetType(), context =>
        {
            context.MessageId = eventId;
            if (correlationId is not null)
            {
                context.Headers.Set(EventHeaders.CorrelationId, correlationId);
            }
        });

    public async Task<IReadOnlyList<JasperFx.Events.IEvent>> StreamAsync(Guid reportId)
    {
        await using var session = Store.QuerySession();
        return await session.Events.FetchStreamAsync(reportId);
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}
