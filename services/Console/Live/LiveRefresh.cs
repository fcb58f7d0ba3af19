namespace Polri110.Console.Live;

/// <summary>
/// Keeps one page's data live: when a change it cares about arrives, reloads at once and again a little later,
/// because the services' lists are projections that catch up with the event a moment after it is published.
/// Changes arriving together cost one round of reloads.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    private static readonly TimeSpan[] Rounds = [TimeSpan.Zero, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(900)];
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
                await Task.Delay(delay, cancellationToken);
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
