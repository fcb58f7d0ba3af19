using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Polri110.ServiceDefaults.Hosting;

/// <summary>
/// Work that falls due as time passes (an SLA deadline missed, a resolved report left long enough to close). Every
/// instance of the service looks at each tick; the deciders read the stream and append with optimistic concurrency, so
/// each event still happens once. A look that fails (the store away for a while) is simply made again at the next tick:
/// what is due stays due.
/// </summary>
public abstract class ClockWatch(TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>What the watch does, for the log: "Looking for missed deadlines".</summary>
    protected abstract string Doing { get; }

    protected abstract Task LookAsync(DateTimeOffset now, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await LookAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{Doing} failed; retrying at the next tick", Doing);
            }
        }
    }
}
