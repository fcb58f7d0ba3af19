using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using Polri110.Benchmarks.Pipeline;

namespace Polri110.Benchmarks.Callers;

public sealed record CallerHistoryResults(
    DateTimeOffset At, long ReportsInStore, int Seeded, double SeedSeconds, double CatchUpSeconds, int HeavyCallerCalls,
    Latencies Quiet, Latencies QuietHeavy, Latencies UnderLoad, double LoadReportsPerSecond, long Failures);

/// <summary>
/// <c>GET /api/callers/{phone}/history</c> on a store holding a realistic history: seeds it through the public API
/// (<see cref="CallerPopulation"/>) up to the number of reports asked for, waits until Intake's per-caller index has
/// caught up, then reads histories one after another, at rest and while 100 new calls a second come in.
/// </summary>
public sealed class CallerHistoryBenchmark(BenchEnvironment environment, int reports)
{
    private const int Readings = 2000, WarmUp = 200, SeedConcurrency = 32;

    private readonly HttpClient intake = new()
    {
        BaseAddress = environment.Intake,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", environment.OperatorToken) },
        Timeout = TimeSpan.FromSeconds(30),
    };

    private long failures;

    public async Task<CallerHistoryResults> RunAsync()
    {
        using var poster = new ReportPoster(environment);
        var seeding = Stopwatch.StartNew();
        var seeded = await SeedAsync(poster);
        var seedSeconds = seeding.Elapsed.TotalSeconds;

        var catchingUp = Stopwatch.StartNew();
        await StoreAtRest.WaitAsync(environment.Postgres, "CallerCall%", TimeSpan.FromMinutes(20));
        var catchUpSeconds = catchingUp.Elapsed.TotalSeconds;
        var heavyCalls = await CheckHeavyCallerAsync();

        var random = new Random(110);
        await ReadAsync(WarmUp, random, heavyShare: 0.1);
        var quiet = await ReadAsync(Readings, random, heavyShare: 0.1);
        var quietHeavy = await ReadAsync(Readings / 4, random, heavyShare: 1);

        using var stopLoad = new CancellationTokenSource();
        var load = LoadAsync(poster, 100, stopLoad.Token);
        var underLoad = await ReadAsync(Readings, random, heavyShare: 0.1);
        await stopLoad.CancelAsync();
        var loadRate = await load;

        return new CallerHistoryResults(
            DateTimeOffset.UtcNow, await ScalarAsync("SELECT count(*) FROM polri110.mt_streams"), seeded, seedSeconds, catchUpSeconds, heavyCalls,
            quiet.Latencies, quietHeavy.Latencies, underLoad.Latencies, loadRate, failures + poster.Failures);
    }

    /// <summary>
    /// A realistic history for another benchmark to measure on (<c>./scripts/benchmark.sh steady … [history]</c>): the store
    /// seeded up to the number of reports asked for, then at rest with every daemon of every service caught up.
    /// </summary>
    public async Task<(int Seeded, TimeSpan Took, long Failures)> SeedHistoryAsync()
    {
        using var poster = new ReportPoster(environment);
        var clock = Stopwatch.StartNew();
        var seeded = await SeedAsync(poster);
        await StoreAtRest.WaitAsync(environment.Postgres, "%", TimeSpan.FromMinutes(20));
        return (seeded, clock.Elapsed, poster.Failures);
    }

    /// <summary>Posts reports from the number the store holds up to the target, 32 at a time; returns how many.</summary>
    private async Task<int> SeedAsync(ReportPoster poster)
    {
        var from = (int)Math.Min(await ScalarAsync("SELECT count(*) FROM polri110.mt_streams"), reports);
        var next = from - 1;
        var progress = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, SeedConcurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < reports)
            {
                await poster.PostAsync(CallerPopulation.Body(i, reports));
                if (i % 10_000 == 0)
                {
                    Console.Error.WriteLine($"seeded {i:N0} of {reports:N0} ({progress.Elapsed.TotalSeconds:N0} s)");
                }
            }
        }));
        return Math.Max(0, reports - from);
    }

    /// <summary>The heaviest caller's history must hold every call the seed gave it: the figures are of a full answer.</summary>
    private async Task<int> CheckHeavyCallerAsync()
    {
        var expected = CallerPopulation.CallsOf(0, reports);
        var history = await intake.GetFromJsonAsync<JsonElement>($"/api/callers/{CallerPopulation.Spelling(CallerPopulation.NationalNumber(0), 1)}/history");
        var total = history.GetProperty("counts").GetProperty("total").GetInt32();
        if (total < expected)
        {
            throw new InvalidOperationException($"The heaviest caller's history holds {total} calls; the seed made {expected}.");
        }

        return total;
    }

    private async Task<(Latencies Latencies, int Count)> ReadAsync(int count, Random random, double heavyShare)
    {
        var timings = new List<double>(count);
        for (var n = 0; n < count; n++)
        {
            var caller = random.NextDouble() < heavyShare
                ? random.Next(CallerPopulation.HeavyCallers)
                : CallerPopulation.HeavyCallers + random.Next(CallerPopulation.OrdinaryCallers(reports));
            var path = $"/api/callers/{Uri.EscapeDataString(CallerPopulation.Spelling(CallerPopulation.NationalNumber(caller), n))}/history";
            var started = Stopwatch.GetTimestamp();
            using var response = await intake.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
                continue;
            }

            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (Latencies.Of(timings), timings.Count);
    }

    /// <summary>New calls at a steady rate until cancelled; returns the rate achieved.</summary>
    private async Task<double> LoadAsync(ReportPoster poster, int perSecond, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var posted = 0;
        var inFlight = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * perSecond);
            for (; posted < due; posted++)
            {
                inFlight.Add(poster.PostAsync(CallerPopulation.Body(reports + posted, reports)));
            }

            await Task.Delay(5, CancellationToken.None);
        }

        await Task.WhenAll(inFlight);
        return posted / clock.Elapsed.TotalSeconds;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(environment.Postgres);
        await connection.OpenAsync();
        return Convert.ToInt64(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync());
    }

    public static void Print(CallerHistoryResults results, string jsonPath)
    {
        Console.WriteLine($"""
            ## Caller history, {results.At:yyyy-MM-dd HH:mm} UTC

            {results.ReportsInStore:N0} reports in the store ({results.Seeded:N0} seeded in {results.SeedSeconds:N0} s through POST /api/reports;
            the system came to rest, caller index complete, {results.CatchUpSeconds:N1} s after the last POST). Heaviest caller: {results.HeavyCallerCalls:N0} calls.
            {Readings:N0} readings one after another, spellings varied, 1 in 10 of a heavy caller. Failures: {results.Failures}.

            | GET /api/callers/{"{phone}"}/history | p50 / p95 / p99 / max (ms) |
            |---|---|
            | at rest | {results.Quiet} |
            | at rest, heavy callers only (~{results.HeavyCallerCalls} calls each) | {results.QuietHeavy} |
            | while {results.LoadReportsPerSecond:N0} new calls/s come in | {results.UnderLoad} |
            """);
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"JSON: {jsonPath}");
    }
}
