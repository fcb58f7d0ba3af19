using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Polri110.Benchmarks.Pipeline;

public sealed record RatePhase(
    int TargetPerSecond, int Accepted, int Failed, Latencies Post, Latencies PostToStationQueue, Latencies PostToTracking, double StatementsPerReport);

public sealed record ThroughputPhase(
    double Seconds, int Accepted, int Failed, double AcceptedPerSecond, double StationQueueBehindSeconds, double TrackingBehindSeconds,
    long DuplicateStationMessages, int LostAtStation, double StatementsPerReport, IReadOnlyDictionary<string, double> CpuMillisecondsPerReport,
    double BrokerDeliveriesPerReport)
{
    /// <summary>RabbitMQ's own CPU milliseconds for each message it delivered in this phase.</summary>
    public double BrokerMillisecondsPerDelivery => BrokerDeliveriesPerReport > 0 ? CpuMillisecondsPerReport.GetValueOrDefault(CpuMeter.Broker) / BrokerDeliveriesPerReport : 0;

    /// <summary>Reports carried all the way to the station queue per second: accepted, over posting time plus the time to catch up.</summary>
    public double DeliveredPerSecond => Accepted / (Seconds + StationQueueBehindSeconds);
}

public sealed record PipelineResults(
    DateTimeOffset At,
    double RawRabbitPublishesPerSecond,
    double RawPostgresCommitsPerSecond,
    QuorumHop RawQuorumHop,
    QuorumHop RawQuorumHopAtPipelineRate,
    IReadOnlyList<RatePhase> Rates,
    ThroughputPhase FullSpeed,
    IReadOnlyDictionary<string, ServiceMemory> PeakMemory,
    RatePhase AfterRestart);

/// <summary>
/// Drives the running system through its public API: baselines on the same servers, paced phases for latency,
/// then full speed for throughput and how far the station queue and Tracking fall behind; last, kill -9 of all four
/// services and, as soon as run.sh has them ready again, 100 reports/s for 20 s (the first requests after a crash).
/// Each phase counts the statements the services sent to PostgreSQL per accepted report.
/// </summary>
public sealed class PipelineBenchmark(BenchEnvironment environment, TimeSpan phaseLength, TimeSpan fullSpeedLength)
{
    private readonly StatementCounter statements = new(environment.Postgres);

    private static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public async Task<PipelineResults> RunAsync()
    {
        Console.WriteLine("Baselines...");
        var rabbit = await Baselines.RabbitPublishesPerSecondAsync(environment.Amqp, TimeSpan.FromSeconds(10));
        var postgres = await Baselines.PostgresCommitsPerSecondAsync(environment.Postgres, TimeSpan.FromSeconds(10));
        var hop = await Baselines.QuorumHopAsync(environment.Amqp, TimeSpan.FromSeconds(10));

        await using var memory = new MemoryWatch();
        await using var drivers = await WarmUpAsync();

        var rates = new List<RatePhase>();
        foreach (var rate in new[] { 50, 100, 200 })
        {
            Console.WriteLine($"{rate} reports/s for {phaseLength.TotalSeconds:N0} s...");
            rates.Add(await PacedAsync(rate, phaseLength, firstSequence: rate * 1_000_000, drivers));
        }

        Console.WriteLine($"Full speed for {fullSpeedLength.TotalSeconds:N0} s...");
        var fullSpeed = await FullSpeedAsync(drivers);
        var peakMemory = memory.Peaks();
        // The broker alone at the rate it just delivered at, each delivery acknowledged on its own as MassTransit does.
        var hopAtRate = await Baselines.QuorumHopAsync(environment.Amqp, TimeSpan.FromSeconds(10),
            (int)Math.Max(1, fullSpeed.BrokerDeliveriesPerReport * fullSpeed.DeliveredPerSecond));

        Console.WriteLine("kill -9 of all four services; once run.sh has them ready again, 100 reports/s for 20 s...");
        await ServiceProcesses.KillAllAsync();
        await ServiceProcesses.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        var afterRestart = await PacedAsync(100, TimeSpan.FromSeconds(20), firstSequence: 500_000_000, drivers);
        return new PipelineResults(DateTimeOffset.UtcNow, rabbit, postgres, hop, hopAtRate, rates, fullSpeed, peakMemory, afterRestart);
    }

    /// <summary>
    /// Only the restart: warm-up (15 s at 50/s), kill -9 of all four services, and once run.sh has them ready again
    /// 100 reports/s for 20 s (or <paramref name="after"/>, to see what comes later too); printed as POST→station latency
    /// by when the report was posted, the CPU each part used from the kill until ready and after, and the statements
    /// PostgreSQL spent longest on. A quick loop for what the first seconds after a crash cost; with
    /// <paramref name="rounds"/>, warm 20 s, kill and measure that many times, each round from rest.
    /// </summary>
    public async Task RunRestartAsync(TimeSpan after, int rounds = 1)
    {
        await using var drivers = await WarmUpAsync();
        var firstTwentySeconds = new List<Latencies>();
        for (var round = 0; round < rounds; round++)
        {
            firstTwentySeconds.Add(await RestartRoundAsync(after, round, drivers));
        }

        if (rounds > 1)
        {
            Console.WriteLine($"""

                ## The first 20 s after ready, round by round: POST→station ms p50/p95/p99/max

                {string.Join("\n", firstTwentySeconds.Select((latencies, round) => $"| {round + 1} | {latencies} |"))}
                """);
        }
    }

    private async Task<Latencies> RestartRoundAsync(TimeSpan after, int round, Drivers drivers)
    {
        // A round starts from rest: the previous round's backlog would otherwise be measured as this one's warm phase.
        await StoreAtRest.WaitAsync(environment.Postgres, "%", TimeSpan.FromMinutes(2));
        Console.WriteLine("100 reports/s for 20 s, warm, as the baseline...");
        var beforeWarm = CpuMeter.Read();
        var statementsBeforeWarm = await statements.ByStatementAsync();
        var (warm, _) = await PacedWithTimelineAsync(100, TimeSpan.FromSeconds(20), firstSequence: 20_000_000 + round * 1_000_000, drivers);
        var statementsBeforeKill = await statements.ByStatementAsync();

        Console.WriteLine($"kill -9 of all four services; once run.sh has them ready again, 100 reports/s for {after.TotalSeconds:N0} s...");
        var beforeKill = CpuMeter.Read();
        var clock = Stopwatch.StartNew();
        await ServiceProcesses.KillAllAsync();
        await ServiceProcesses.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        var readyAfter = clock.Elapsed;
        var atReady = CpuMeter.Read();
        var statementsAtReady = await statements.ByStatementAsync();
        var (phase, timeline) = await PacedWithTimelineAsync(100, after, firstSequence: 500_000_000 + round * 10_000_000, drivers);
        var afterPhase = CpuMeter.Read();
        // What PostgreSQL spent its time on after the restart, against the same statements warm (both per report).
        static List<StatementPerReport> ByText(IEnumerable<StatementPerReport> statements) =>
            statements.GroupBy(statement => statement.Query)
                .Select(same => new StatementPerReport(same.Sum(s => s.Calls), same.Sum(s => s.Milliseconds), same.Key))
                .OrderByDescending(statement => statement.Milliseconds).ToList();
        var warmStatements = ByText(StatementCounter.PerReport(statementsBeforeWarm, statementsBeforeKill, warm.Accepted))
            .ToDictionary(statement => statement.Query);
        var startStatements = StatementCounter.PerReport(statementsBeforeKill, statementsAtReady, 1);
        var afterStatements = ByText(StatementCounter.PerReport(statementsAtReady, await statements.ByStatementAsync(), phase.Accepted));
        StatementPerReport Warm(StatementPerReport statement) => warmStatements.GetValueOrDefault(statement.Query) ?? new StatementPerReport(0, 0, "");
        var first20 = timeline.Where(t => t.PostedAt < 20).Select(t => t.ToStation).ToList();
        var stages = await StageTimes.ReadAsync(environment.Postgres, timeline.ToDictionary(t => t.ReportId, t => t.Posted));
        string Hops(IEnumerable<PostedReportTimes> reports)
        {
            var known = reports.Where(t => stages.ContainsKey(t.ReportId)).ToList();
            var received = Latencies.Of(known.Select(t => stages[t.ReportId].Received)).P50;
            var forwarded = Latencies.Of(known.Select(t => stages[t.ReportId].Forwarded - stages[t.ReportId].Received)).P50;
            var delivered = Latencies.Of(known.Select(t => t.ToStation - stages[t.ReportId].Forwarded)).P50;
            return $"{received:N0} / {forwarded:N0} / {delivered:N0}";
        }

        double Between(IReadOnlyDictionary<string, double> from, IReadOnlyDictionary<string, double> to, string part) =>
            to.GetValueOrDefault(part) - from.GetValueOrDefault(part);
        // The services' new processes started from nothing: what they show at ready is their start-up.
        double Starting(string part) => ServiceProcesses.Pipeline.Contains(part) ? atReady.GetValueOrDefault(part) : Between(beforeKill, atReady, part);
        var parts = afterPhase.Keys.Order().ToList();
        Console.WriteLine($"""

            ## After kill -9 of all four services: ready again after {readyAfter.TotalSeconds:N1} s

            | posted (s after ready) | reports | POST→station ms p50/p95/p99/max | p50 ms: POST→stored (Intake) / →forwarded (Routing) / →station (Dispatch) |
            |---|---:|---|---|
            {string.Join("\n", timeline.GroupBy(t => (int)(t.PostedAt / 5)).OrderBy(g => g.Key).Select(g =>
                $"| {g.Key * 5}-{g.Key * 5 + 5} | {g.Count()} | {Latencies.Of(g.Select(t => t.ToStation))} | {Hops(g)} |"))}
            | the first 20 s | {first20.Count} | {Latencies.Of(first20)} |
            | all {after.TotalSeconds:N0} s | {phase.Accepted} | {phase.PostToStationQueue} (POST {phase.Post}) |
            | 20 s at 100/s before the kill, warm | {warm.Accepted} | {warm.PostToStationQueue} (POST {warm.Post}) |

            | CPU seconds | kill → ready (the new processes' own) | the {after.TotalSeconds:N0} s at 100/s after | the 20 s at 100/s before, warm |
            |---|---:|---:|---:|
            {string.Join("\n", parts.Select(part =>
                $"| {part} | {Starting(part):N2} | {Between(atReady, afterPhase, part):N2} | {Between(beforeWarm, beforeKill, part):N2} |"))}
            | all | {parts.Sum(Starting):N2} | {parts.Sum(part => Between(atReady, afterPhase, part)):N2} | {parts.Sum(part => Between(beforeWarm, beforeKill, part)):N2} |

            Statements from the kill until ready: {startStatements.Sum(s => s.Calls):N0}, executing {startStatements.Sum(s => s.Milliseconds):N0} ms.
            The statements that took PostgreSQL longest in the {after.TotalSeconds:N0} s after ready, per report, against the warm 20 s:

            | calls after | exec ms after | calls warm | exec ms warm | statement |
            |---:|---:|---:|---:|---|
            {string.Join("\n", afterStatements.Take(12).Select(s =>
                $"| {s.Calls:N2} | {s.Milliseconds:N3} | {Warm(s).Calls:N2} | {Warm(s).Milliseconds:N3} | `{s.Query.Replace("|", "\\|")}` |"))}
            | {afterStatements.Sum(s => s.Calls):N2} | {afterStatements.Sum(s => s.Milliseconds):N3} | {warmStatements.Values.Sum(s => s.Calls):N2} | {warmStatements.Values.Sum(s => s.Milliseconds):N3} | all |
            """);
        return Latencies.Of(first20);
    }

    /// <summary>
    /// One paced phase after the warm-up, in detail: latency, the CPU seconds of every part, and every statement the
    /// services sent per report. A steady load to profile a service under (perf, as in issue 13's note), and where the
    /// statements go. With <paramref name="assign"/>, the Polres's desk acknowledges every report as it arrives and assigns
    /// it to its Polsek (<see cref="StationDesk"/>): the figures per report then hold two people's actions too.
    /// </summary>
    public async Task RunSteadyAsync(int perSecond, TimeSpan length, bool assign = false)
    {
        await using var desk = assign ? new StationDesk(environment) : null;
        // A desk's actions at 50 reports/s would leave the warm-up's work still running into the phase on two cores.
        await using var drivers = await WarmUpAsync(desk, desk is null ? 50 : Math.Min(50, perSecond));
        if (desk is not null)
        {
            await desk.WatchPolsekAsync(environment.Amqp, TimeSpan.FromSeconds(60));
        }

        Console.WriteLine($"{perSecond} reports/s for {length.TotalSeconds:N0} s{(desk is null ? "" : ", each acknowledged and assigned to its Polsek")}...");
        // The database's CPU split by the service whose connection asked for it (each names itself: application_name).
        var backends = await CpuMeter.NameBackendsAsync(environment.Postgres);
        var cpuBefore = CpuMeter.Read(backends);
        var statementsBefore = await statements.ByStatementAsync();
        var (phase, timeline) = await PacedWithTimelineAsync(perSecond, length, firstSequence: 20_000_000, drivers);
        var reportIds = timeline.Select(t => t.ReportId).ToList();
        if (desk is not null)
        {
            await desk.WaitForPolsekAsync(reportIds, TimeSpan.FromSeconds(60));
        }

        var byStatement = StatementCounter.PerReport(statementsBefore, await statements.ByStatementAsync(), phase.Accepted);
        var opened = (await CpuMeter.NameBackendsAsync(environment.Postgres)).ExceptBy(backends.Keys, backend => backend.Key);
        var cpu = CpuMeter.PerReport(cpuBefore, CpuMeter.Read(backends.Concat(opened).ToDictionary()), phase.Accepted);
        Console.WriteLine($"""

            ## {perSecond} reports/s for {length.TotalSeconds:N0} s: {phase.Accepted} accepted, {phase.Failed} failed

            POST ms p50/p95/p99/max {phase.Post}; POST→station {phase.PostToStationQueue}; POST→Tracking {phase.PostToTracking}{AssignmentsOf(desk, reportIds)}

            | CPU ms per report | |
            |---|---:|
            {CpuMeter.MarkdownRows(cpu)}
            | all | {cpu.Values.Sum():N2} |

            | statements per report | exec ms per report | statement |
            |---:|---:|---|
            {string.Join("\n", byStatement.Take(40).Select(s => $"| {s.Calls:N2} | {s.Milliseconds:N3} | `{s.Query.Replace("|", "\\|")}` |"))}
            | {byStatement.Sum(s => s.Calls):N2} | {byStatement.Sum(s => s.Milliseconds):N3} | all ({byStatement.Count} kinds) |
            """);
        if (byStatement.Count == 0)
        {
            Console.WriteLine("No statement could be named: reading them needs pg_read_all_stats, which ./scripts/benchmark.sh steady lends.");
        }
    }

    private static string AssignmentsOf(StationDesk? desk, List<Guid> reportIds)
    {
        if (desk is null)
        {
            return "";
        }

        var (request, toPolsek, assigned) = desk.Of(reportIds);
        return $"\n\nAssigned {assigned} ({desk.Failures} failed, {desk.Polsek.Duplicates} delivered twice): assign ms {request}; " +
            $"assign→Polsek queue {toPolsek}";
    }

    /// <summary>The report poster, the station queue's listener and the Tracking probe every mode drives the system with.</summary>
    private sealed record Drivers(ReportPoster Poster, StationListener Station, TrackingProbe Tracking) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Poster.Dispose();
            Tracking.Dispose();
            await Station.DisposeAsync();
        }
    }

    /// <summary>
    /// The drivers, once Intake has answered and the services are warm: freshly started services compile their hot
    /// paths while the first reports pass (seconds of latency at first), so 15 s at 50 reports/s (<paramref name="perSecond"/>),
    /// not measured, bring them to the steady state every mode measures. A <paramref name="desk"/> acts on these reports too.
    /// </summary>
    private async Task<Drivers> WarmUpAsync(StationDesk? desk = null, int perSecond = 50)
    {
        var drivers = new Drivers(new ReportPoster(environment), new StationListener(desk is null ? null : desk.Arrived), new TrackingProbe(environment));
        try
        {
            var accepted = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => drivers.Poster.PostAsync(-i - 1)));
            if (accepted.All(report => report is null))
            {
                throw new InvalidOperationException("Intake accepted none of the warm-up reports: is the system up, and are .run/tokens.json current?");
            }

            drivers.Poster.Failures = 0;
            await drivers.Station.StartAsync(environment.Amqp, $"dispatch.{environment.Station}", TimeSpan.FromSeconds(60));
            Console.WriteLine($"Warm-up: {perSecond} reports/s for 15 s (not measured)...");
            await PacedAsync(perSecond, TimeSpan.FromSeconds(15), firstSequence: 10_000_000, drivers);
            return drivers;
        }
        catch
        {
            await drivers.DisposeAsync();
            throw;
        }
    }

    private async Task<RatePhase> PacedAsync(
        int perSecond, TimeSpan length, int firstSequence, Drivers drivers) =>
        (await PacedWithTimelineAsync(perSecond, length, firstSequence, drivers)).Phase;

    /// <summary>A paced phase, and for each accepted report when it was posted (on the wall clock, and s into the phase) and its POST→station ms.</summary>
    private async Task<(RatePhase Phase, List<PostedReportTimes> Timeline)> PacedWithTimelineAsync(
        int perSecond, TimeSpan length, int firstSequence, Drivers drivers)
    {
        var (poster, station, tracking) = drivers;
        var statementsBefore = await statements.TotalAsync();
        var posted = new ConcurrentBag<PostedReport>();
        var tracked = new ConcurrentBag<double>();
        var failuresBefore = poster.Failures;
        var requests = new List<Task>();
        var interval = Stopwatch.Frequency / perSecond;
        var startedAt = DateTimeOffset.UtcNow;
        var start = Stopwatch.GetTimestamp();
        var total = (int)(perSecond * length.TotalSeconds);
        for (var i = 0; i < total; i++)
        {
            var due = start + i * interval;
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (due - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            }

            var sample = i % 10 == 0;
            var sequence = firstSequence + i;
            requests.Add(Task.Run(async () =>
            {
                if (await poster.PostAsync(sequence) is not { } report)
                {
                    return;
                }

                posted.Add(report);
                // Every tenth report is followed into Tracking; polling them all would load Tracking more than operators do.
                if (sample && await tracking.WaitUntilShownAsync(report.ReportId, TimeSpan.FromSeconds(60)) is { } shown)
                {
                    tracked.Add(Milliseconds(report.StartedAt, shown));
                }
            }));
        }

        await Task.WhenAll(requests);
        await WaitForStationAsync(posted, station, TimeSpan.FromSeconds(60));
        var timeline = posted.Select(p => new PostedReportTimes(
            p.ReportId,
            startedAt.AddMilliseconds(Milliseconds(start, p.StartedAt)),
            Milliseconds(start, p.StartedAt) / 1000,
            station.TryGetArrival(p.ReportId, out var at) ? Milliseconds(p.StartedAt, at) : double.PositiveInfinity)).ToList();
        return (new RatePhase(
            perSecond, posted.Count, (int)(poster.Failures - failuresBefore),
            Latencies.Of(posted.Select(p => Milliseconds(p.StartedAt, p.AcceptedAt))),
            Latencies.Of(timeline.Select(t => t.ToStation)),
            Latencies.Of(tracked),
            StatementCounter.PerReport(statementsBefore, await statements.TotalAsync(), posted.Count)), timeline);
    }

    private async Task<ThroughputPhase> FullSpeedAsync(Drivers drivers)
    {
        var (poster, station, tracking) = drivers;
        var failuresBefore = poster.Failures;
        var duplicatesBefore = station.Duplicates;
        using var broker = new BrokerCounter(environment);
        var deliveriesBefore = await broker.SettledDeliveriesAsync();
        var statementsBefore = await statements.TotalAsync();
        var cpuBefore = CpuMeter.Read();
        var (posted, seconds) = await poster.PostAtFullSpeedAsync(fullSpeedLength, firstSequence: 900_000_000);
        var stoppedAt = Stopwatch.GetTimestamp();

        var lost = await WaitForStationAsync(posted, station, TimeSpan.FromMinutes(5));
        var stationBehind = Milliseconds(stoppedAt, Stopwatch.GetTimestamp()) / 1000;
        var cpu = CpuMeter.PerReport(cpuBefore, CpuMeter.Read(), posted.Count);
        // Tracking's projection applies events in commit order: once the last reports show, all earlier ones do.
        foreach (var last in posted.TakeLast(20))
        {
            await tracking.WaitUntilShownAsync(last.ReportId, TimeSpan.FromMinutes(5));
        }

        var trackingBehind = Milliseconds(stoppedAt, Stopwatch.GetTimestamp()) / 1000;
        var statementsPerReport = StatementCounter.PerReport(statementsBefore, await statements.TotalAsync(), posted.Count);
        var deliveriesPerReport = (double)(await broker.SettledDeliveriesAsync() - deliveriesBefore) / Math.Max(1, posted.Count);
        return new ThroughputPhase(
            seconds, posted.Count, (int)(poster.Failures - failuresBefore), posted.Count / seconds, stationBehind, trackingBehind,
            station.Duplicates - duplicatesBefore, lost, statementsPerReport, cpu, deliveriesPerReport);
    }

    /// <summary>Until every accepted report is on the station queue; how many were not by the timeout.</summary>
    private static async Task<int> WaitForStationAsync(IEnumerable<PostedReport> posted, StationListener station, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var missing = posted.Select(p => p.ReportId).ToList();
        while (clock.Elapsed < timeout && (missing = missing.Where(id => !station.TryGetArrival(id, out _)).ToList()).Count > 0)
        {
            await Task.Delay(50);
        }

        if (missing.Count > 0)
        {
            Console.WriteLine($"  {missing.Count} accepted reports had not reached the station queue after {timeout.TotalSeconds:N0} s");
        }

        return missing.Count;
    }

    public static void Print(PipelineResults results, string jsonPath)
    {
        var full = results.FullSpeed;
        Console.WriteLine($"""

            ## Polri 110 pipeline benchmark ({results.At:u})

            | baseline on the same servers | per second |
            |---|---:|
            | raw RabbitMQ.Client publishes with confirms, durable queue | {results.RawRabbitPublishesPerSecond:N0} |
            | raw Npgsql single-row INSERT commits | {results.RawPostgresCommitsPerSecond:N0} |
            | raw quorum queue hop: published with confirms, consumed, acknowledged 64 at a time (deliveries) | {results.RawQuorumHop.DeliveriesPerSecond:N0} |

            | full speed ({full.Seconds:N0} s, 64 concurrent posters) | value |
            |---|---:|
            | accepted reports/s | {full.AcceptedPerSecond:N0} |
            | delivered to the station queue /s (accepted ÷ (posting time + catch-up)) | {full.DeliveredPerSecond:N0} |
            | accepted / failed | {full.Accepted:N0} / {full.Failed:N0} |
            | as a share of raw RabbitMQ publishes | {full.AcceptedPerSecond / results.RawRabbitPublishesPerSecond:P1} |
            | as a share of raw PostgreSQL commits | {full.AcceptedPerSecond / results.RawPostgresCommitsPerSecond:P1} |
            | station queue behind when posting stopped | {full.StationQueueBehindSeconds:N1} s |
            | Tracking behind when posting stopped | {full.TrackingBehindSeconds:N1} s |
            | duplicate station messages / not on the station queue after 5 min | {full.DuplicateStationMessages:N0} / {full.LostAtStation:N0} |
            | PostgreSQL statements per report (pg_stat_statements, services' role) | {full.StatementsPerReport:N1} |
            | RabbitMQ deliveries per report, every queue (management API) | {full.BrokerDeliveriesPerReport:N1} |
            | RabbitMQ CPU ms per delivery | {full.BrokerMillisecondsPerDelivery:N3} |
            | the same in the raw quorum hop at full speed; at this phase's {results.RawQuorumHopAtPipelineRate.DeliveriesPerSecond:N0} deliveries/s | {results.RawQuorumHop.BrokerMilliseconds:N3}; {results.RawQuorumHopAtPipelineRate.BrokerMilliseconds:N3} |

            | paced rate | accepted / failed | POST ms p50/p95/p99/max | POST→station queue ms | POST→Tracking ms (every 10th) | statements per report |
            |---:|---:|---|---|---|---:|
            {string.Join("\n", results.Rates.Append(results.AfterRestart).Select(r =>
                $"| {r.TargetPerSecond}/s{(r == results.AfterRestart ? ", first 20 s after kill -9 of all four" : "")} | {r.Accepted:N0} / {r.Failed:N0} | {r.Post} | {r.PostToStationQueue} | {r.PostToTracking} | {r.StatementsPerReport:N1} |"))}

            | CPU per report at full speed, until the station queue caught up | ms |
            |---|---:|
            {CpuMeter.MarkdownRows(full.CpuMillisecondsPerReport)}
            | all (2 cores carry 2,000 ms per second: 1,000 reports/s needs 2 ms) | {full.CpuMillisecondsPerReport.Values.Sum():N2} |

            | MiB | peak memory (VmHWM) | largest sample (every 2 s) | files mapped | of them, mapped a second time | generated code | heap and native |
            |---|---:|---:|---:|---:|---:|---:|
            {string.Join("\n", results.PeakMemory.Select(p =>
                $"| {p.Key} | {p.Value.PeakMiB:N0} | {p.Value.LargestSample.TotalMiB:N0} | {p.Value.LargestSample.FilesMiB:N0} | "
                + $"{p.Value.LargestSample.FilesMappedTwiceMiB:N0} | {p.Value.LargestSample.GeneratedCodeMiB:N0} | {p.Value.LargestSample.HeapAndNativeMiB:N0} |"))}

            JSON: {jsonPath}
            """);
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
    }
}
