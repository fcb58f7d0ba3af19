using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;
using Polri110.Testing;

namespace Polri110.Routing.Tests;

/// <summary>
/// The outbox must not stop for good. After a database failover two instances may both run the daemon for a moment;
/// the one whose progress update finds the row moved has its shard stopped by Marten, and a stopped shard is never
/// started again while its instance leads (the cluster failover test lost thousands of reports to this). Here the
/// second leader is played by an UPDATE of the progress row under Routing's running bus publisher.
/// </summary>
public class DaemonWatchTests(ServiceHost<Program> routing) : IClassFixture<ServiceHost<Program>>
{
    private const string Publisher = "routing-bus-publisher:All";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Given_the_bus_publishers_progress_moved_under_it_as_by_a_second_leader_When_more_reports_are_forwarded_Then_their_events_are_still_published()
    {
        await WaitUntilPublishedAsync(await ForwardReportAsync());

        await using (var connection = new NpgsqlConnection(routing.Database.AsOwner))
        {
            await connection.OpenAsync();
            await using var moved = new NpgsqlCommand(
                "UPDATE polri110.mt_event_progression SET last_seq_id = last_seq_id - 1 WHERE name = $1", connection)
            {
                Parameters = { new NpgsqlParameter { Value = Publisher } },
            };
            Assert.Equal(1, await moved.ExecuteNonQueryAsync());
        }

        // The publisher's next page cannot record its progress: Marten stops the shard, and the watch must notice.
        await ForwardReportAsync();
        var watch = routing.Services.GetRequiredService<DaemonWatch>();
        await Eventually.TrueAsync(() => Task.FromResult(watch.Rejoined > 0), Patience, "the stopped publisher to be noticed");

        await WaitUntilPublishedAsync(await ForwardReportAsync());
        // Supervisors see it on /metrics.
        await Eventually.TrueAsync(
            async () => Regex.IsMatch(await routing.Anonymous.GetStringAsync("/metrics"), @"^polri110_daemon_rejoins_total(\{[^}]*\})? [1-9]", RegexOptions.Multiline),
            Patience, "the rejoin counted on /metrics");
    }

    /// <summary>Has Routing forward a new report; returns the sequence number of its ReportForwarded event.</summary>
    private async Task<long> ForwardReportAsync()
    {
        var reportId = Guid.CreateVersion7();
        var received = TestEvents.Received(reportId, "34.04.01.2001");
        await routing.PublishAsync(received, (await routing.AppendAsync(reportId, received)).Single());
        var forwarded = await Eventually.GetAsync(
            async () => (await routing.StreamAsync(reportId)).FirstOrDefault(e => e.Data is ReportForwarded), Patience, "the report to be forwarded");
        return forwarded.Sequence;
    }

    /// <summary>The publisher records its progress only after the broker confirmed the page.</summary>
    private Task WaitUntilPublishedAsync(long sequence) => Eventually.TrueAsync(
        async () => (await routing.Store.Advanced.AllProjectionProgress()).Any(shard => shard.ShardName == Publisher && shard.Sequence >= sequence),
        Patience,
        $"the bus publisher past event {sequence}");
}
