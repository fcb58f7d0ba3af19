using Polri110.Contracts;
using Polri110.Testing;

namespace Polri110.Routing.Tests;

/// <summary>Routing in-process with its real bus and store: what happens when ReportReceived arrives.</summary>
public class RoutingConsumerTests(ServiceHost<Program> routing) : IClassFixture<ServiceHost<Program>>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Given_a_received_report_When_its_event_is_delivered_twice_Then_it_is_forwarded_exactly_once()
    {
        var reportId = Guid.CreateVersion7();
        var received = TestEvents.Received(reportId, "34.04.01.2001");
        var eventId = (await routing.AppendAsync(reportId, received)).Single();

        await routing.PublishAsync(received, eventId);
        await routing.PublishAsync(received, eventId);
        await Eventually.TrueAsync(() => Task.FromResult(routing.Consumed.Finished(eventId) == 2), Patience, "both deliveries to be handled");

        var stream = await routing.StreamAsync(reportId);
        var forwarded = Assert.IsType<ReportForwarded>(Assert.Single(stream, e => e.Data is ReportForwarded).Data);
        Assert.Equal("polresta-sleman", forwarded.PolresId);
        Assert.Equal(eventId.ToString(), stream[1].CausationId);
        Assert.Equal("routing-service", stream[1].UserName);
    }

    [Fact]
    public async Task Given_a_poison_message_When_it_keeps_failing_Then_it_lands_in_the_error_queue_and_blocks_nothing()
    {
        await using var queues = new AmqpQueueReader(routing.AmqpUri);
        const string errorQueue = "routing-route-received-report_error";
        var before = await queues.CountAsync(errorQueue);

        // A ReportReceived whose stream does not exist cannot be routed, however often it is retried.
        var poisonId = Guid.NewGuid();
        await routing.PublishAsync(TestEvents.Received(Guid.CreateVersion7()), poisonId);
        await Eventually.TrueAsync(async () => await queues.CountAsync(errorQueue) > before, Patience, "the poison message in the _error queue");

        var reportId = Guid.CreateVersion7();
        var received = TestEvents.Received(reportId);
        await routing.PublishAsync(received, (await routing.AppendAsync(reportId, received)).Single());
        await Eventually.TrueAsync(
            async () => (await routing.StreamAsync(reportId)).Any(e => e.Data is ReportForwarded), Patience, "the next report to be forwarded");
    }
}
