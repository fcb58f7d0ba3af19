namespace Polri110.Console.Live;

/// <summary>
/// Keeps one page's data live: when a change it cares about arrives, reloads at once and again a little later,
/// because the services' lists are projections that catch up with the event after it is published: usually within
/// a poll of their daemon (Dispatch's and Tracking's poll every 250 ms), but seconds later on a busy machine, where a
/// page that stopped re-reading after a second kept showing the old list until the next change (README, "The console").
/// The rounds re-read at once, then after 0.3, 0.9, 1.9, 3.9, 7.9 and 15.9 s; a newer change restarts them, so changes
/// arriving together cost one round.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    private static readonly TimeSpan[] Rounds =
    [
        TimeSpan.Zero, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8),
    ];
    private readonly ReportFeed feed;
    private readonly Func<ReportChange, bool> relevant;
    private readonly Func<Task> reload;
    private readonly ILogger logger;
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
                await Task.Delay(delay, feed.Clock, cancellationToken);
                feed.Logger.LogDebug("Reloading after a change");
                await reload();
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

    public void Dispose()
    {
        feed.Changed -= OnChanged;
        pending?.Cancel();
    }
}
