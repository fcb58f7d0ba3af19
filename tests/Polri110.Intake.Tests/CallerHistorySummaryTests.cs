using Polri110.Contracts;
using Polri110.Intake.Callers;
using Polri110.Testing;

namespace Polri110.Intake.Tests;

public class CallerHistorySummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    private static CallerCall Call(CallType recordedAs, int daysAgo, PrankKind? flaggedAs = null)
    {
        var id = Guid.NewGuid();
        var received = TestEvents.Received(id) with { CallType = recordedAs, OccurredAt = Now.AddDays(-daysAgo) };
        var lifecycle = ReportLifecycle.Begin(received);
        return new CallerCall
        {
            Id = id,
            CallerKey = "key",
            TrackingCode = received.TrackingCode,
            RecordedAs = recordedAs,
            ReceivedAt = received.OccurredAt,
            Lifecycle = flaggedAs is { } kind ? lifecycle.Then(new ReportFlaggedAsPrank(id, kind, null, "operator-1", Now)) : lifecycle,
        };
    }

    [Fact]
    public void Pranks_older_than_the_window_count_in_the_totals_but_do_not_make_a_repeat_prank_caller()
    {
        var history = CallerHistoryEndpoint.Summarise(
            "+6281234567890", [Call(CallType.Prank, 1), Call(CallType.Abusive, 29), Call(CallType.Prank, 31), Call(CallType.Silent, 2)], new CallerHistoryPolicy(), Now);

        Assert.Equal(new CallCounts(4, 0, 2, 1, 0, 1, 0), history.Counts);
        Assert.Equal(2, history.RecentPrankOrAbusive);
        Assert.False(history.RepeatPrankCaller);
    }

    [Fact]
    public void An_incident_flagged_as_a_prank_counts_as_a_prank_towards_the_mark()
    {
        var history = CallerHistoryEndpoint.Summarise(
            "+6281234567890", [Call(CallType.Incident, 0, PrankKind.Prank), Call(CallType.Prank, 3), Call(CallType.Abusive, 5)], new CallerHistoryPolicy(), Now);

        Assert.True(history.RepeatPrankCaller);
        Assert.Equal(0, history.Counts.Incident);
        Assert.Equal("prank", history.Reports[0].FlaggedAs);
    }

    [Fact]
    public void The_threshold_and_window_are_configurable()
    {
        var policy = new CallerHistoryPolicy { RepeatPrankThreshold = 2, RepeatPrankWindow = TimeSpan.FromDays(7) };

        Assert.True(CallerHistoryEndpoint.Summarise("112", [Call(CallType.Prank, 1), Call(CallType.Prank, 6)], policy, Now).RepeatPrankCaller);
        Assert.False(CallerHistoryEndpoint.Summarise("112", [Call(CallType.Prank, 1), Call(CallType.Prank, 8)], policy, Now).RepeatPrankCaller);
    }
}
