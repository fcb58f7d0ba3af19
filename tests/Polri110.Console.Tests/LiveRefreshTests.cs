using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polri110.Console.Live;

namespace Polri110.Console.Tests;

/// <summary>An open page re-reads its list after a change until a projection seconds behind has caught up.</summary>
public sealed class LiveRefreshTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly WatchedClock clock = new();
    private readonly SemaphoreSlim reloaded = new(0);
    private readonly List<TimeSpan> reloads = [];
    private readonly DateTimeOffset start;
    private readonly ReportFeed feed;

    public LiveRefreshTests()
    {
        start = clock.GetUtcNow();
        feed = new ReportFeed(NullLogger<ReportFeed>.Instance, clock);
    }

    [Fact]
    public async Task After_a_change_the_page_re_reads_at_once_and_then_at_widening_intervals_for_sixteen_seconds()
    {
        using var live = new LiveRefresh(feed, change => change.EventType == "ReportForwarded", ReloadAsync);

        feed.Publish(new ReportChange(Guid.NewGuid(), "ReportAcknowledged", start));
        feed.Publish(new ReportChange(Guid.NewGuid(), "ReportForwarded", start));

        Assert.True(await reloaded.WaitAsync(Patience), "no reload at once");
        TimeSpan[] later = [.. new[] { 0.3, 0.9, 1.9, 3.9, 7.9, 15.9 }.Select(seconds => TimeSpan.FromSeconds(seconds))];
        foreach (var at in later)
        {
            await AdvanceToAsync(at);
            Assert.True(await reloaded.WaitAsync(Patience), $"no reload {at.TotalSeconds} s after the change");
        }

        Assert.Equal([TimeSpan.Zero, .. later], reloads);
    }

    [Fact]
    public async Task A_newer_change_restarts_the_rounds_so_changes_together_cost_one_round()
    {
        using var live = new LiveRefresh(feed, _ => true, ReloadAsync);
        feed.Publish(new ReportChange(Guid.NewGuid(), "ReportForwarded", start));
        Assert.True(await reloaded.WaitAsync(Patience));
        await AdvanceToAsync(TimeSpan.FromMilliseconds(200));

        feed.Publish(new ReportChange(Guid.NewGuid(), "ReportAcknowledged", clock.GetUtcNow()));

        Assert.True(await reloaded.WaitAsync(Patience));
        // The first change's round at 0.3 s is dropped: the next re-read is the second change's, 0.3 s after it.
        await AdvanceToAsync(TimeSpan.FromMilliseconds(500));
        Assert.True(await reloaded.WaitAsync(Patience));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500)], reloads);
    }

    /// <summary>Moves the clock once the page has set its next round's timer, so the round is not set after the move.</summary>
    private async Task AdvanceToAsync(TimeSpan sinceStart)
    {
        Assert.True(await clock.TimerSet.WaitAsync(Patience), "no round was set");
        clock.Advance(start + sinceStart - clock.GetUtcNow());
    }

    private Task ReloadAsync()
    {
        lock (reloads)
        {
            reloads.Add(clock.GetUtcNow() - start);
        }

        reloaded.Release();
        return Task.CompletedTask;
    }

    /// <summary>A fake clock that says when a timer was set on it.</summary>
    private sealed class WatchedClock : TimeProvider
    {
        private readonly FakeTimeProvider fake = new();

        public SemaphoreSlim TimerSet { get; } = new(0);

        public void Advance(TimeSpan by) => fake.Advance(by);

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

        public override long GetTimestamp() => fake.GetTimestamp();

        public override long TimestampFrequency => fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = fake.CreateTimer(callback, state, dueTime, period);
            TimerSet.Release();
            return timer;
        }
    }
}
