using System.Diagnostics.Metrics;
using JasperFx;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polri110.ServiceDefaults.Observability;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// Keeps this service's async daemon from stopping for good while it leads. After a database failover two instances
/// can both believe they hold the daemon's advisory lock for a moment (the old one learns only later that its lock
/// died with the old primary), and both run the shards. The one whose progress update then finds the row moved stops
/// that shard (Marten's <c>ProgressionProgressOutOfOrderException</c>), and Marten never starts a stopped shard again
/// while its instance holds the lock: if that instance is the leader, its bus publisher (the outbox) or a projection
/// stays stopped and every report after it is stuck, silently. Seen in the cluster failover test. So, every
/// <see cref="CheckEvery"/>, a stopped shard makes this instance leave the election (releasing the lock) and join it
/// again: the other instance takes over, or this one starts every shard afresh from its stored progress. Events a
/// shard handled but could not record are handled again (at least once: consumers and projections are idempotent).
/// Marten's 8.x line restarts such stranded shards itself since 8.38 (JasperFx/marten#5304); 9.58.0, the newest served
/// here, does not (DaemonWatchTests fails without this watch). Once a Marten that does is used, this can go.
/// </summary>
public sealed class DaemonWatch : BackgroundService
{
    public static TimeSpan CheckEvery { get; } = TimeSpan.FromSeconds(2);

    private readonly IProjectionCoordinator coordinator;
    private readonly TimeProvider clock;
    private readonly ILogger<DaemonWatch> logger;
    private long rejoined;

    public DaemonWatch(IProjectionCoordinator coordinator, IMeterFactory meters, TimeProvider clock, ILogger<DaemonWatch> logger)
    {
        this.coordinator = coordinator;
        this.clock = clock;
        this.logger = logger;
        meters.Create(ReportMetrics.MeterName).CreateObservableCounter(
            "polri110.daemon.rejoins",
            () => Rejoined,
            "{rejoin}",
            "Times this instance left and rejoined its daemon's election because Marten had stopped a shard for good.");
    }

    /// <summary>How often this instance left and rejoined the daemon's election because a shard had stopped.</summary>
    public long Rejoined => Interlocked.Read(ref rejoined);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var stopped = coordinator.DaemonForMainDatabase().CurrentAgents()
                    .Where(agent => agent.Status == AgentStatus.Stopped)
                    .ToList();
                if (stopped.Count == 0)
                {
                    continue;
                }

                logger.LogWarning(
                    "Daemon shards {Shards} stopped ({Reason}); leaving the daemon's election and joining it again",
                    string.Join(", ", stopped.Select(agent => agent.Name.Identity)),
                    stopped[0].Failure?.Detail ?? "no reason given");
                await coordinator.StopAsync(stoppingToken);
                await coordinator.StartAsync(stoppingToken);
                Interlocked.Increment(ref rejoined);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The store being away is the health checks' to report; the next tick looks again.
                logger.LogWarning(e, "Checking the daemon's shards failed; looking again in {Interval}", CheckEvery);
            }
        }
    }
}
