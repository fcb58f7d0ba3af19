using Marten;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Polri110.Testing;

/// <summary>
/// One service in-process (its real Program, bus and daemon) against its own database and virtual host on
/// the test servers. Use as a class fixture: <c>IClassFixture&lt;ServiceHost&lt;Program&gt;&gt;</c>.
/// </summary>
public class ServiceHost<TProgram> : IAsyncLifetime
    where TProgram : class
{
    private WebApplicationFactory<TProgram>? factory;

    public HttpClient Client { get; private set; } = null!;

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
        var database = await TestServers.CreateDatabaseAsync(typeof(TProgram).Assembly.GetName().Name!.Split('.')[^1]);
        AmqpUri = await TestServers.CreateVirtualHostAsync("service");
        factory = new WebApplicationFactory<TProgram>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:Polri110", database);
            host.UseSetting("ConnectionStrings:RabbitMq", AmqpUri);
            // Poison messages should reach _error within a test's patience.
            host.UseSetting("Bus:RetryLimit", "1");
            foreach (var (key, value) in Settings)
            {
                host.UseSetting(key, value);
            }
        });
        Client = factory.CreateClient();
        Bus.ConnectConsumeObserver(Consumed);
        await Eventually.TrueAsync(
            async () => (await Client.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the service to be ready");
    }

    /// <summary>Appends events to a report's stream as the service that owns them would, committed.</summary>
    public async Task<IReadOnlyList<Guid>> AppendAsync(Guid reportId, params object[] events)
    {
        await using var session = Store.LightweightSession();
        var action = session.Events.Append(reportId, events);
        await session.SaveChangesAsync();
        return action.Events.Select(e => e.Id).ToList();
    }

    /// <summary>Publishes an event on the bus as the committed-event publisher does: message id = event id.</summary>
    public Task PublishAsync(object @event, Guid eventId) =>
        Bus.Publish(@event, @event.GetType(), context => context.MessageId = eventId);

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
