using BenchmarkDotNet.Running;
using Polri110.Benchmarks.Callers;
using Polri110.Benchmarks.Failover;
using Polri110.Benchmarks.Intake;
using Polri110.Benchmarks.Jurisdictions;
using Polri110.Benchmarks.Pipeline;

// dotnet run -c Release --project tests/Polri110.Benchmarks -- jurisdictions
//   start-up cost and memory of the region directory and jurisdiction map, then BenchmarkDotNet figures for
//   resolving a region code and searching region names (the operator's autocomplete).
// ./scripts/benchmark.sh   (runs: ... -- pipeline [phase seconds] [full-speed seconds])
//   the whole pipeline through the public API of a system started by ./run.sh (read from .run/).
// ./scripts/benchmark.sh intake [phase s] [full-speed s]   (runs: ... -- intake)
//   Intake alone: POST latency at 100/s and accepted reports/s at full speed, the other services not running.
// ./scripts/benchmark.sh restart [history] [seconds] [rounds]   (runs: ... -- restart)
//   the first 20 s (or seconds) after kill -9 of all four services, by 5 s, with the CPU each part used to start and
//   then; with a history, on a store first seeded with that many reports.
// ./scripts/benchmark.sh steady [reports/s] [seconds] [history] [assign]   (runs: ... -- steady)
//   one paced phase after the warm-up: latency, CPU ms per report of every part, every statement sent per report;
//   with a history, on a store first seeded with that many reports through the API (the caller benchmark's mix); with
//   assign, the Polres's desk acknowledges every report as it arrives and assigns it to its Polsek (assign→Polsek queue).
// dotnet run -c Release --project tests/Polri110.Benchmarks -- baselines   (against a running ./run.sh)
//   only the servers' own ceilings: raw RabbitMQ publishes, raw PostgreSQL commits, a raw quorum queue hop with its CPU
//   at full speed and paced at 600 and 2,000 deliveries/s (100 and ~330 reports/s at six deliveries a report).
// ./scripts/benchmark.sh callers [reports]   (runs: ... -- callers [reports], default 100,000)
//   the caller history's latency on a store seeded with that many reports, most of them not incidents.
switch (args.FirstOrDefault())
{
    case "jurisdictions":
        JurisdictionStartup.Measure();
        BenchmarkRunner.Run<JurisdictionBenchmarks>(args: args[1..]);
        return 0;
    case "pipeline":
        var phase = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1]) : 20);
        var fullSpeed = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 60);
        var results = await new PipelineBenchmark(BenchEnvironment.FromRunDirectory(".run"), phase, fullSpeed).RunAsync();
        Directory.CreateDirectory(".run/benchmark");
        PipelineBenchmark.Print(results, $".run/benchmark/pipeline-{results.At:yyyyMMdd-HHmmss}.json");
        return 0;
    case "restart":
        // ./scripts/benchmark.sh restart [history] [seconds] [rounds]: only the pipeline benchmark's last phase, in detail,
        // as many times as asked on one build and store.
        await SeedHistoryAsync(args.Length > 1 ? int.Parse(args[1]) : 0);
        await new PipelineBenchmark(BenchEnvironment.FromRunDirectory(".run"), TimeSpan.Zero, TimeSpan.Zero).RunRestartAsync(
            TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 20), args.Length > 3 ? int.Parse(args[3]) : 1);
        return 0;
    case "steady":
        // ./scripts/benchmark.sh steady [reports/s] [seconds] [history] [assign]: one paced phase, CPU per part and statements per
        // report; with a history, on a store first seeded with that many reports (most not incidents) and at rest.
        await SeedHistoryAsync(args.Length > 3 ? int.Parse(args[3]) : 0);
        await new PipelineBenchmark(BenchEnvironment.FromRunDirectory(".run"), TimeSpan.Zero, TimeSpan.Zero).RunSteadyAsync(
            args.Length > 1 ? int.Parse(args[1]) : 100, TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 30),
            assign: args.Length > 4 && args[4] == "assign");
        return 0;
    case "intake":
        // ./scripts/benchmark.sh intake [phase s] [full-speed s]: Intake alone (run.sh started no other service).
        var intake = await new IntakeAloneBenchmark(
            BenchEnvironment.FromRunDirectory(".run"), TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1]) : 20),
            TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 60)).RunAsync();
        Directory.CreateDirectory(".run/benchmark");
        IntakeAloneBenchmark.Print(intake, $".run/benchmark/intake-{intake.At:yyyyMMdd-HHmmss}.json");
        return 0;
    case "baselines":
        // ... -- baselines: only the pipeline benchmark's first table, the servers' own ceilings (10 s each).
        var servers = BenchEnvironment.FromRunDirectory(".run");
        Console.WriteLine($"raw RabbitMQ publishes with confirms /s: {await Baselines.RabbitPublishesPerSecondAsync(servers.Amqp, TimeSpan.FromSeconds(10)):N0}");
        Console.WriteLine($"raw PostgreSQL single-row commits /s: {await Baselines.PostgresCommitsPerSecondAsync(servers.Postgres, TimeSpan.FromSeconds(10)):N0}");
        var hop = await Baselines.QuorumHopAsync(servers.Amqp, TimeSpan.FromSeconds(10));
        Console.WriteLine($"raw quorum queue hop: {hop.DeliveriesPerSecond:N0} deliveries/s; CPU ms a delivery: broker {hop.BrokerMilliseconds:N3}, clients {hop.ClientsMilliseconds:N3}");
        foreach (var rate in new[] { 600, 2_000 })
        {
            var paced = await Baselines.QuorumHopAsync(servers.Amqp, TimeSpan.FromSeconds(10), rate);
            Console.WriteLine($"raw quorum queue hop at {rate:N0}/s, each acknowledged: CPU ms a delivery: broker {paced.BrokerMilliseconds:N3}");
        }
        return 0;
    case "callers":
        var callerResults = await new CallerHistoryBenchmark(BenchEnvironment.FromRunDirectory(".run"), args.Length > 1 ? int.Parse(args[1]) : 100_000).RunAsync();
        Directory.CreateDirectory(".run/benchmark");
        CallerHistoryBenchmark.Print(callerResults, $".run/benchmark/callers-{callerResults.At:yyyyMMdd-HHmmss}.json");
        return 0;
    case "failover":
        // ./scripts/benchmark.sh failover [reports/s] [settle s]: issue 11's proof on ./run.sh --cluster.
        if (Environment.GetEnvironmentVariable("POLRI110_DATA_DIR") is not { Length: > 0 } dataDirectory)
        {
            Console.Error.WriteLine(
                "failover needs POLRI110_DATA_DIR, the data directory of the running ./run.sh --cluster (./scripts/benchmark.sh failover sets it).");
            return 2;
        }

        var cluster = new ClusterControl(
            Path.Combine(dataDirectory, "cluster"), Path.Combine(".run", "secrets"), Directory.GetCurrentDirectory());
        var proof = await new FailoverProof(
            BenchEnvironment.FromRunDirectory(".run"), cluster, args.Length > 1 ? int.Parse(args[1]) : 50,
            TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 20)).RunAsync();
        Directory.CreateDirectory(".run/benchmark");
        FailoverProof.Print(proof, $".run/benchmark/failover-{proof.At:yyyyMMdd-HHmmss}.json");
        return proof.Holds ? 0 : 1;
    default:
        Console.Error.WriteLine(
            "usage: dotnet run -c Release --project tests/Polri110.Benchmarks -- jurisdictions [BenchmarkDotNet options] | pipeline [phase s] [full-speed s] | baselines | restart [history] [s] [rounds] | steady [reports/s] [s] [history] [assign] | intake [phase s] [full-speed s] | callers [reports] | failover [reports/s] [settle s]");
        return 2;
}

// A store holding a realistic history first (the caller benchmark's mix, most calls not incidents), at rest.
static async Task SeedHistoryAsync(int reports)
{
    if (reports > 0)
    {
        Console.WriteLine($"Seeding a history of {reports:N0} reports through POST /api/reports...");
        var (seeded, took, failed) = await new CallerHistoryBenchmark(BenchEnvironment.FromRunDirectory(".run"), reports).SeedHistoryAsync();
        Console.WriteLine($"{seeded:N0} reports seeded and every daemon caught up in {took.TotalSeconds:N0} s ({failed} failed).");
    }
}
