using System.Collections.Concurrent;
using System.Net.Sockets;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Polri110.ServiceDefaults.Messaging;
using Polri110.Testing;

namespace Polri110.Routing.Tests;

/// <summary>
/// The retries every consumer of the services runs under (<see cref="MessageRetries"/>), on MassTransit's in-memory
/// transport: a message whose consumer cannot reach PostgreSQL waits for it past any number of tries, and a message
/// that fails for any other reason still ends faulted (in _error) after the usual few.
/// </summary>
public sealed class MessageRetryTests
{
    private const int RetryLimit = 2;

    [Fact]
    public async Task Given_a_consumer_that_cannot_reach_PostgreSQL_for_many_tries_When_it_comes_back_Then_the_message_is_consumed_not_faulted()
    {
        var script = new Script(outages: 12, failures: 0);
        await using var harness = await StartAsync(script);

        await harness.Bus.Publish(new Probe(1));

        await Eventually.TrueAsync(() => Task.FromResult(script.Consumed.Contains(1)), TimeSpan.FromSeconds(30), "the message to be consumed");
        Assert.Equal(13, script.Attempts[1]);
        Assert.False(await harness.Published.Any<Fault<Probe>>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task Given_outages_and_then_a_failure_of_another_kind_When_it_keeps_failing_Then_the_message_faults_after_the_usual_tries(int outages)
    {
        var script = new Script(outages, failures: int.MaxValue);
        await using var harness = await StartAsync(script);

        await harness.Bus.Publish(new Probe(2));

        await Eventually.TrueAsync(async () => await harness.Published.Any<Fault<Probe>>(), TimeSpan.FromSeconds(30), "the message to fault");
        Assert.Equal(outages + RetryLimit + 1, script.Attempts[2]);
        Assert.Empty(script.Consumed);
    }

    private static async Task<AsyncHarness> StartAsync(Script script)
    {
        var provider = new ServiceCollection()
            .AddSingleton(script)
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<ProbeConsumer>();
                bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseReportRetries(RetryLimit, TimeSpan.FromMilliseconds(20)));
            })
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestTimeout = TimeSpan.FromSeconds(30);
        await harness.Start();
        return new AsyncHarness(provider, harness);
    }

    public sealed record Probe(int Id);

    /// <summary>What the consumer does on each try of a message: first so many outages, then so many other failures, then success.</summary>
    public sealed class Script(int outages, int failures)
    {
        public ConcurrentDictionary<int, int> Attempts { get; } = new();

        public ConcurrentBag<int> Consumed { get; } = [];

        public void Try(int id)
        {
            var attempt = Attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (attempt <= outages)
            {
                throw new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
            }

            if (attempt <= (long)outages + failures)
            {
                throw new InvalidOperationException("A fault of the message itself");
            }

            Consumed.Add(id);
        }
    }

    public sealed class ProbeConsumer(Script script) : IConsumer<Probe>
    {
        public Task Consume(ConsumeContext<Probe> context)
        {
            script.Try(context.Message.Id);
            return Task.CompletedTask;
        }
    }

    private sealed class AsyncHarness(ServiceProvider provider, ITestHarness harness) : IAsyncDisposable
    {
        public IBus Bus => harness.Bus;

        public IPublishedMessageList Published => harness.Published;

        public async ValueTask DisposeAsync()
        {
            await harness.Stop();
            await provider.DisposeAsync();
        }
    }
}
