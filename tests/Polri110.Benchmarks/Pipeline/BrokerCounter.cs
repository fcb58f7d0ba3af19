using System.Diagnostics;
using System.Text.Json;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>
/// Messages RabbitMQ has delivered to consumers so far, on every queue (the management API's overview). The API
/// refreshes its counts every few seconds, so a reading is taken once the count has stood still for longer than that:
/// between two such readings, the deliveries a phase caused, and per report how many hops a report makes.
/// </summary>
public sealed class BrokerCounter(BenchEnvironment environment) : IDisposable
{
    private static readonly TimeSpan StatisticsInterval = TimeSpan.FromSeconds(5); // collect_statistics_interval's default

    private readonly HttpClient http = environment.ManagementClient();

    /// <summary>The delivery count once it has not moved for longer than the statistics interval (at most a minute).</summary>
    public async Task<long> SettledDeliveriesAsync()
    {
        var deadline = Stopwatch.StartNew();
        var last = await DeliveriesAsync();
        var unchangedSince = Stopwatch.StartNew();
        while (unchangedSince.Elapsed <= StatisticsInterval + TimeSpan.FromSeconds(1) && deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var now = await DeliveriesAsync();
            if (now != last)
            {
                (last, unchangedSince) = (now, Stopwatch.StartNew());
            }
        }

        return last;
    }

    private async Task<long> DeliveriesAsync()
    {
        using var overview = JsonDocument.Parse(await http.GetStringAsync("/api/overview"));
        return overview.RootElement.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("deliver_get", out var delivered)
            ? delivered.GetInt64()
            : 0;
    }

    public void Dispose() => http.Dispose();
}
