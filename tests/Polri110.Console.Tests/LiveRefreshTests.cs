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
        TimeSpan[] later = [.. new[] { 0.5, 1.1, 2.1, 4.1, 8.1, 16.1 }.Select(seconds => TimeSpan.FromSeconds(seconds))];
        foreach (var at in later)
        {
            await AdvanceToAsync(at);
            Assert.True(await reloaded.WaitAsync(Patience), $"no reload {at.TotalSeconds} s after the change");
        }

        Assert.Equal([TimeSpan.Zero, .. later], reloads);
    }

    [Fact]
    public async Task A_newer_change_restarts_the_rounds_no_sooner_than_the_spacing_after_the_last_re_read()
    {
        using var live = new LiveRefresh(feed, _ => true, ReloadAsync);
        feed.Publish(new ReportChange(Guid.NewGuid(), "ReportForwarded", start));
        Assert.True(await reloaded.WaitAsync(Patience));
        await AdvanceToAsync(TimeSpan.FromMilliseconds(200));

        feed.Publish(new ReportChange(Guid.NewGuid(), "ReportAcknowledged", clock.GetUtcNow()));

        // The first change's round at 0.5 s is dropped; the second change's first re-read waits for the spacing (0.5 s
        // after the last), its next comes 0.5 s after that.
        await AdvanceToAsync(LiveRefresh.Spacing);
        Assert.True(await reloaded.WaitAsync(Patience));
        await AdvanceToAsync(LiveRefresh.Spacing * 2);
        Assert.True(await reloaded.WaitAsync(Patience));
        Assert.Equal([TimeSpan.Zero, LiveRefresh.Spacing, LiveRefresh.Spacing * 2], reloads);
    }

    [Fact]
    public async Task A_burst_of_changes_costs_one_re_read_at_once_and_one_after_the_spacing_not_one_each()
    {
        using var live = new LiveRefresh(feed, _ => true, ReloadAsync);

        for (var i = 0; i < 50; i++)
        {
            feed.Publish(new ReportChange(Guid.NewGuid(), "ReportReceived", start));
        }

        Assert.True(await reloaded.WaitAsync(Patience));
        Assert.Equal([TimeSpan.Zero], reloads);
        await AdvanceToAsync(TimeSpan.FromMilliseconds(499));
        Assert.Equal([TimeSpan.Zero], reloads);
        await AdvanceToAsync(LiveRefresh.Spacing);
        Assert.True(await reloaded.WaitAsync(Patience));
        Assert.Equal([TimeSpan.Zero, LiveRefresh.Spacing], reloads);
    }

    [Fact]
    public async Task A_change_during_a_slow_re_read_waits_for_it_instead_of_reading_alongside()
    {
        var slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        using var live = new LiveRefresh(feed, _ => true, () =>
        {
            Interlocked.Increment(ref started);
            reloaded.Release();
            return slow.Task;
        });
        feed.Publish(new ReportChange(Guid.NewGuid(), "ReportForwarded", start));
        Assert.True(await reloaded.WaitAsync(Patience));

        clock.Advance(TimeSpan.FromSeconds(1));
        feed.Publish(new ReportChange(Guid.NewGuid(), "ReportAcknowledged", clock.GetUtcNow()));
        // Without the one-at-a-time rule the second re-read would have started within Publish: nothing else is waited for.
        Assert.Equal(1, Volatile.Read(ref started));

        slow.SetResult();
        Assert.True(await reloaded.WaitAsync(Patience), "the second change was not re-read after the first re-read ended");
        Assert.Equal(2, Volatile.Read(ref started));
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
