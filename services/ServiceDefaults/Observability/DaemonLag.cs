using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Polri110.ServiceDefaults.Observability;

/// <summary>
/// How many committed events each async projection and subscription (the bus publishers among them) has still to
/// process: the store's high-water mark minus the shard's progress. Read every few seconds in the background, so
/// a scrape of <c>/metrics</c> never waits on the database. All services share the store, so each reports every shard.
/// </summary>
public sealed class DaemonLag : BackgroundService
{
    private const string HighWaterMark = "HighWaterMark";

    private readonly ConcurrentDictionary<string, long> behindBy = new();
    private readonly IDocumentStore store;
    private readonly TimeProvider clock;
    private readonly ILogger<DaemonLag> logger;

    public DaemonLag(IDocumentStore store, IMeterFactory meters, TimeProvider clock, ILogger<DaemonLag> logger)
    {
        this.store = store;
        this.clock = clock;
        this.logger = logger;
        meters.Create(ReportMetrics.MeterName).CreateObservableGauge(
            "polri110.daemon.lag",
            () => behindBy.Select(shard => new Measurement<long>(shard.Value, new KeyValuePair<string, object?>("projection", shard.Key))),
            "{event}",
            "Committed events an async projection or subscription has not processed yet.");
    }

    public static TimeSpan ReadEvery { get; } = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReadEvery, clock);
        do
        {
            try
            {
                var shards = await store.Advanced.AllProjectionProgress(token: stoppingToken);
                var highWaterMark = shards.FirstOrDefault(shard => shard.ShardName == HighWaterMark)?.Sequence ?? 0;
                foreach (var shard in shards.Where(shard => shard.ShardName != HighWaterMark))
                {
                    behindBy[shard.ShardName] = Math.Max(0, highWaterMark - shard.Sequence);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store being away is reported by the health checks; the gauge keeps its last reading.
                logger.LogDebug(e, "Reading the daemon's progress failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
