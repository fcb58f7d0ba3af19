namespace Polri110.Console.Live;

/// <summary>
/// Keeps one page's data live: when a change it cares about arrives, reloads at once and again a little later,
/// because the services' lists are projections that catch up with the event after it is published: usually within
/// a poll of their daemon (Dispatch's and Tracking's poll every 250 ms), but seconds later on a busy machine, where a
/// page that stopped re-reading after a second kept showing the old list until the next change (README, "The console").
/// The rounds re-read at once, then after 0.5, 1.1, 2.1, 4.1, 8.1 and 16.1 s; a newer change restarts them, so changes
/// arriving together cost one round. A page re-reads at most every <see cref="Spacing"/>, one read at a time, whatever
/// the changes: on a busy day a change arrives every few milliseconds, and a page that re-read at once on each would send
/// the services a request per event in the country for every page open (README, "The console").
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    /// <summary>The least time between the starts of two of one page's re-reads.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan[] Rounds =
    [
        TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8),
    ];
    private readonly ReportFeed feed;
    private readonly Func<ReportChange, bool> relevant;
    private readonly Func<Task> reload;
    private readonly ILogger logger;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private long lastReloadStarted = -1;
    private CancellationTokenSource? pending;

    public LiveRefresh(ReportFeed feed, Func<ReportChange, bool> relevant, Func<Task> reload)
    {
        logger = feed.Logger;
        this.feed = feed;
        this.relevant = relevant;
        this.reload = reload;
        feed.Changed += OnChanged;
    }

    private void OnChanged(ReportChange change)
    {
        if (!relevant(change))
        {
            return;
        }

        var next = new CancellationTokenSource();
        Interlocked.Exchange(ref pending, next)?.Cancel();
        _ = ReloadRoundsAsync(next.Token);
    }

    private async Task ReloadRoundsAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var delay in Rounds)
            {
                var spaced = UntilSpaced();
                await Task.Delay(delay > spaced ? delay : spaced, feed.Clock, cancellationToken);
                await oneAtATime.WaitAsync(cancellationToken);
                try
                {
                    Volatile.Write(ref lastReloadStarted, feed.Clock.GetTimestamp());
                    feed.Logger.LogDebug("Reloading after a change");
                    await reload();
                }
                finally
                {
                    oneAtATime.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // A newer change started its own rounds.
        }
        catch (ObjectDisposedException)
        {
            // The page was closed between rounds.
        }
        catch (Exception e)
        {
            // A page that cannot reload keeps what it shows; the next change tries again.
            logger.LogWarning(e, "Reloading a live page failed");
        }
    }

    /// <summary>The least a round waits: none, unless the last re-read started less than <see cref="Spacing"/> ago.</summary>
    private TimeSpan UntilSpaced()
    {
        var last = Volatile.Read(ref lastReloadStarted);
        if (last < 0)
        {
            return TimeSpan.Zero;
        }

        var wait = Spacing - feed.Clock.GetElapsedTime(last);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public void Dispose()
    {
        feed.Changed -= OnChanged;
        pending?.Cancel();
    }
}
