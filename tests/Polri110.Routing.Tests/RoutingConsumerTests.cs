using Npgsql;
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
    public async Task Given_a_burst_of_received_reports_When_routed_in_shared_transactions_Then_each_is_forwarded_once_with_its_own_cause()
    {
        // 40 calls at once, each delivered twice: batches of many reports, and a report's second message among them.
        var calls = new List<(Guid ReportId, Guid EventId, ReportReceived Received)>();
        for (var i = 0; i < 40; i++)
        {
            var reportId = Guid.CreateVersion7();
            var received = TestEvents.Received(reportId, "34.04.01.2001");
            calls.Add((reportId, (await routing.AppendAsync(reportId, received)).Single(), received));
        }

        Task Deliver((Guid ReportId, Guid EventId, ReportReceived Received) call) =>
            routing.PublishAsync(call.Received, call.EventId, correlationId: $"call-{call.ReportId}");
        await Task.WhenAll(calls.SelectMany(call => new[] { Deliver(call), Deliver(call) }));
        await Eventually.TrueAsync(
            () => Task.FromResult(calls.All(call => routing.Consumed.Finished(call.EventId) == 2)), Patience, "every delivery to be handled");

        foreach (var (reportId, eventId, _) in calls)
        {
            var stream = await routing.StreamAsync(reportId);
            var forwarding = Assert.Single(stream, e => e.Data is ReportForwarded);
            Assert.Equal(eventId.ToString(), forwarding.CausationId);
            Assert.Equal($"call-{reportId}", forwarding.CorrelationId);
            Assert.Equal("routing-service", forwarding.UserName);
        }

        // The transaction that inserted each forwarding (its row's xmin): a burst shares them.
        await using var database = NpgsqlDataSource.Create(routing.Database.AsOwner);
        await using var transactions = database.CreateCommand(
            "SELECT count(DISTINCT xmin::text) FROM polri110.mt_events WHERE type = 'report_forwarded' AND stream_id = ANY($1)");
        transactions.Parameters.Add(new NpgsqlParameter { Value = calls.Select(call => call.ReportId).ToArray() });
        Assert.InRange((long)(await transactions.ExecuteScalarAsync())!, 1, calls.Count - 1);
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
