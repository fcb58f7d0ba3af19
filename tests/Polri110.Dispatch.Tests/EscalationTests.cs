using Polri110.Contracts;
using Polri110.Testing;

namespace Polri110.Dispatch.Tests;

/// <summary>Dispatch with SLA deadlines of seconds, so escalations happen within a test.</summary>
public class ShortSlaDispatch : ServiceHost<Program>
{
    public ShortSlaDispatch()
    {
    }

    public ShortSlaDispatch(TestDatabase database, string amqpUri)
        : base(database, amqpUri)
    {
    }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sla:AcknowledgeP1"] = "00:00:01",
        ["Sla:KapoldaAfterP1"] = "00:00:01",
        ["Sla:CheckInterval"] = "00:00:00.200",
    };
}

/// <summary>Two Dispatch instances on one database and virtual host: both watch the clock.</summary>
public sealed class TwoDispatchInstances()
    : TwoInstances<ShortSlaDispatch>(() => new(), first => new(first.Database, first.AmqpUri));

public class EscalationTests(TwoDispatchInstances dispatch) : IClassFixture<TwoDispatchInstances>
{
    [Fact]
    public async Task Given_two_Dispatch_instances_When_a_P1_report_is_neglected_Then_it_escalates_to_Kapolres_then_Kapolda_exactly_once_each()
    {
        var reportId = Guid.CreateVersion7();
        await dispatch.First.AppendAsync(reportId, TestEvents.Received(reportId, priority: Priority.P1), TestEvents.Forwarded(reportId));

        await Eventually.TrueAsync(
            async () => (await dispatch.First.StreamAsync(reportId)).Count(e => e.Data is ReportEscalated) >= 2,
            TimeSpan.FromSeconds(30), "both escalation levels");
        // Both watchers keep looking until the read model shows nothing more is due; only then is "exactly once" settled.
        await Eventually.TrueAsync(async () =>
        {
            await using var session = dispatch.Second.Store.QuerySession();
            var listed = await session.LoadAsync<Polri110.Dispatch.Reports.ListingStationReports.StationReport>(reportId);
            return listed is { EscalationLevel: 2, NextEscalationAt: null };
        }, TimeSpan.FromSeconds(30), "the station's list to show no further escalation due");

        var escalations = (await dispatch.First.StreamAsync(reportId)).Select(e => e.Data).OfType<ReportEscalated>().ToList();
        Assert.Equal(new[] { 1, 2 }, escalations.Select(e => e.Level).ToArray());
        Assert.All(escalations, e => Assert.Equal("polres-metro-tangerang-kota", e.OwnerAtEscalation));
        Assert.StartsWith("Kapolda", escalations[1].EscalatedTo);
    }
}
