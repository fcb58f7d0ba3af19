using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Polri110.Benchmarks.Pipeline;

namespace Polri110.Benchmarks.Intake;

public sealed record IntakeAloneResults(
    DateTimeOffset At, Latencies PostAt100PerSecond,
    IReadOnlyDictionary<string, double> CpuMillisecondsPerReportAt100PerSecond, double StatementsPerReportAt100PerSecond,
    double Seconds, int Accepted, int Failed, double AcceptedPerSecond,
    Latencies PostAtFullSpeed, double StatementsPerReport, double PeakMemoryMiB,
    IReadOnlyDictionary<string, double> CpuMillisecondsPerReport);

/// <summary>
/// Intake on its own (./scripts/benchmark.sh intake starts only it): what the operators' side takes when nothing
/// downstream competes for the cores. POST latency at 100 reports/s, then 64 concurrent posters at full speed, with the
/// CPU each process spent per report at both: what the operators' side alone costs of the two cores, and (against the
/// pipeline's figure at 100/s) how much of Intake's cost there is the rate and how much the company. (With no
/// other service there are no queues bound to Intake's exchanges, so RabbitMQ routes its publishes nowhere: its part
/// is below what it is in the pipeline.)
/// </summary>
public sealed class IntakeAloneBenchmark(BenchEnvironment environment, TimeSpan phaseLength, TimeSpan fullSpeedLength)
{
    private static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public async Task<IntakeAloneResults> RunAsync()
    {
        using var poster = new ReportPoster(environment);
        var statements = new StatementCounter(environment.Postgres);
        Console.WriteLine("Warm-up: 50 reports/s for 15 s (not measured)...");
        await PacedAsync(poster, 50, TimeSpan.FromSeconds(15), 10_000_000);
        Console.WriteLine($"100 reports/s for {phaseLength.TotalSeconds:N0} s...");
        var cpuBeforePaced = CpuMeter.Read();
        var statementsBeforePaced = await statements.TotalAsync();
        var paced = await PacedAsync(poster, 100, phaseLength, 100_000_000);
        // At 100/s the daemon keeps up within its 50 ms polling: a second after the last POST its work is done too.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var cpuPaced = CpuMeter.PerReport(cpuBeforePaced, CpuMeter.Read(), paced.Count);
        var statementsPaced = StatementCounter.PerReport(statementsBeforePaced, await statements.TotalAsync(), paced.Count);

        Console.WriteLine($"Full speed for {fullSpeedLength.TotalSeconds:N0} s...");
        var before = await statements.TotalAsync();
        var failuresBefore = poster.Failures;
        var cpuBefore = CpuMeter.Read();
        var (posted, seconds) = await poster.PostAtFullSpeedAsync(fullSpeedLength, firstSequence: 900_000_000);
        // Intake's daemon (bus publisher, callers' projection) works after the POSTs: its statements and CPU are the report's too.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var cpu = CpuMeter.PerReport(cpuBefore, CpuMeter.Read(), posted.Count);
        var perReport = StatementCounter.PerReport(before, await statements.TotalAsync(), posted.Count);
        var peak = ServiceProcesses.Running().Where(running => running.Service == "Intake")
            .Select(running => ServiceProcesses.PeakResidentMiB(running.Pid) ?? double.NaN)
            .DefaultIfEmpty(double.NaN).Max();
        return new IntakeAloneResults(
            DateTimeOffset.UtcNow, paced, cpuPaced, statementsPaced,
            seconds, posted.Count, (int)(poster.Failures - failuresBefore), posted.Count / seconds,
            Latencies.Of(posted.Select(p => Milliseconds(p.StartedAt, p.AcceptedAt))), perReport, peak, cpu);
    }

    private static async Task<Latencies> PacedAsync(ReportPoster poster, int perSecond, TimeSpan length, int firstSequence)
    {
        var posted = new ConcurrentBag<PostedReport>();
        var requests = new List<Task>();
        var interval = Stopwatch.Frequency / perSecond;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < (int)(perSecond * length.TotalSeconds); i++)
        {
            var due = start + i * interval;
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (due - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            }

            var sequence = firstSequence + i;
            requests.Add(Task.Run(async () =>
            {
                if (await poster.PostAsync(sequence) is { } report)
                {
                    posted.Add(report);
                }
            }));
        }

        await Task.WhenAll(requests);
        return Latencies.Of(posted.Select(p => Milliseconds(p.StartedAt, p.AcceptedAt)));
    }

    public static void Print(IntakeAloneResults results, string jsonPath)
    {
        Console.WriteLine($"""

            ## Intake alone ({results.At:u}; Routing, Dispatch, Tracking and the console not running)

            | | value |
            |---|---:|
            | POST ms p50/p95/p99/max at 100 reports/s | {results.PostAt100PerSecond} |
            | PostgreSQL statements per report at 100 reports/s | {results.StatementsPerReportAt100PerSecond:N1} |
            | accepted reports/s at full speed ({results.Seconds:N0} s, 64 concurrent posters) | {results.AcceptedPerSecond:N0} |
            | accepted / failed | {results.Accepted:N0} / {results.Failed:N0} |
            | POST ms p50/p95/p99/max at full speed | {results.PostAtFullSpeed} |
            | PostgreSQL statements per report at full speed (Intake and its daemon) | {results.StatementsPerReport:N1} |
            | Intake's peak memory (VmHWM) | {results.PeakMemoryMiB:N0} MiB |

            | CPU ms per report at 100 reports/s (the daemon's 1 s after included) | |
            |---|---:|
            {CpuMeter.MarkdownRows(results.CpuMillisecondsPerReportAt100PerSecond)}
            | all | {results.CpuMillisecondsPerReportAt100PerSecond.Values.Sum():N2} |

            | CPU ms per report at full speed (the daemon's 5 s after included) | |
            |---|---:|
            {CpuMeter.MarkdownRows(results.CpuMillisecondsPerReport)}
            | all | {results.CpuMillisecondsPerReport.Values.Sum():N2} |

            JSON: {jsonPath}
            """);
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions
        {
            WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
    }
}
