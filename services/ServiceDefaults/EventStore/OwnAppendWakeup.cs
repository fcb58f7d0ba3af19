using System.Diagnostics;
using JasperFx.Events.Daemon.HighWater;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// Ends this service's daemon's wait, idle (<c>EventStore:SlowPollingTime</c>) or busy (<c>EventStore:FastPollingTime</c>),
/// when the service itself has committed events: an idle service polls the event store seldom, and a report after a quiet
/// spell does not wait for a poll at Intake's or Routing's hop; Dispatch, whose daemon polls every 250 ms for the others'
/// events, still publishes a station's rejection or assignment within <paramref name="ownAppendPollingTime"/>. Events other
/// services commit still wait for a poll (Tracking's read models, Dispatch's station list).
/// A commit never brings a poll sooner than <paramref name="ownAppendPollingTime"/> (<c>EventStore:OwnAppendPollingTime</c>,
/// 50 ms) after the last one: the daemon also waits its idle interval while events flow, after any poll that did not move
/// its high water mark (as when a transaction in flight holds it back), and polling once per commit cost Intake alone at
/// 100 reports/s 11.9 CPU ms and 19.9 statements a report; with this limit 6.7 and 9.4 (no wake-up at all: 6.4 and 8.3;
/// <c>./scripts/benchmark.sh intake</c>, 2026-12-04).
/// </summary>
public sealed class OwnAppendWakeup(TimeSpan ownAppendPollingTime) : IDaemonWakeup
{
    private readonly SemaphoreSlim committed = new(0, 1);

    /// <summary>Called after a commit that may hold events: the daemon's wait ends, no sooner than the spacing after its poll.</summary>
    public void Pulse()
    {
        // Already signalled, the daemon has not looked yet: as at full speed after nearly every commit, where releasing
        // regardless threw and caught an exception per commit (12,113 in Intake in one pipeline benchmark, dotnet-counters).
        if (committed.CurrentCount > 0)
        {
            return;
        }

        try
        {
            committed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another commit signalled between the look and the release.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        // The daemon waits right after it polled.
        var polled = Stopwatch.GetTimestamp();
        if (!await committed.WaitAsync(timeout, token))
        {
            return;
        }

        // Woken by a commit: no sooner than the spacing after the poll (nor later than the wait would have ended).
        var early = (timeout < ownAppendPollingTime ? timeout : ownAppendPollingTime) - Stopwatch.GetElapsedTime(polled);
        if (early > TimeSpan.Zero)
        {
            await Task.Delay(early, token);
        }
    }

    /// <summary>
    /// Nothing to release (the semaphore holds no wait handle), and the daemon's settings keep this one instance: a
    /// high-water agent started again after a restart or a failover waits on it again.
    /// </summary>
    public void Dispose()
    {
    }
}
