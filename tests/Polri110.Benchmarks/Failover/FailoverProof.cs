using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Polri110.Benchmarks.Pipeline;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Polri110.Benchmarks.Failover;

/// <summary>
/// What happened around one failover: how many POSTs failed by it and over how long (the first one sent to the last; none:
/// 0), from the kill until the killed piece was started again, and from then on (the piece rejoining); how long the
/// failover itself took (the kill until the standby was promoted; 0 where nothing needs promoting); how long the piece took
/// to start again; and why the POSTs failed in each window ("HTTP 503": 12, ...). A failed POST is the kill's when the kill
/// came while it was in flight (on a loaded machine a POST may wait tens of seconds before a kill fails it), else the
/// window's it was sent in (a POST sent while the database was down may wait 15 s for a connection before it fails: it
/// is the failover's, whenever its answer came). <paramref name="PostedUntilFiveSecondsAfter"/>: the POSTs in flight at
/// the kill or sent from then until 5 s after the failover (the poster keeps a steady rate only on average: a poster
/// starved of CPU falls behind and catches up when answers come fast, as failures do).
/// </summary>
public sealed record FailoverOutcome(
    string What, double FailoverSeconds, int FailedPosts, double FailingSeconds, int FailedPostsOnRejoin, double FailingSecondsOnRejoin,
    double RestartSeconds, IReadOnlyDictionary<string, int> FailedBecause, IReadOnlyDictionary<string, int> FailedOnRejoinBecause,
    int PostedUntilFiveSecondsAfter);

public sealed record FailoverResults(
    DateTimeOffset At, int Accepted, int Failed, IReadOnlyList<FailoverOutcome> Failovers, int MissingAtStation,
    int MissingInTracking, long StationRedeliveries, int DuplicatedAtStation, int DuplicatedEvents, double AcceptedPerSecond,
    IReadOnlyDictionary<string, long> MissingAtStationBy, IReadOnlyDictionary<string, long> DaemonsBehind)
{
    /// <summary>Nothing accepted was lost, nothing was dispatched or stored twice.</summary>
    public bool Holds => Accepted > 0 && MissingAtStation == 0 && MissingInTracking == 0 && DuplicatedAtStation == 0 && DuplicatedEvents == 0;
}

/// <summary>
/// Issue 11's proof on a running ./run.sh --cluster: while reports are posted at a steady rate, kill -9 in turn the
/// node leading the station queue, the PostgreSQL primary's whole node (Patroni promotes the standby), and one instance
/// of every service; then every report whose POST got a 201 must be on its station's queue (under one messageId: a
/// redelivery of the same message is at-least-once, a second message for the report a duplicate) and in Tracking, and
/// no stream may hold an event twice. Run by ./scripts/benchmark.sh failover and by the Cluster test in ./test.sh.
/// </summary>
public sealed class FailoverProof(BenchEnvironment environment, ClusterControl cluster, int reportsPerSecond, TimeSpan settle)
{
    /// <summary>The last failover's <see cref="FailoverOutcome.What"/>, which the Cluster test bounds on its own.</summary>
    public const string InstancesKilled = "one instance of Intake, Routing, Dispatch and Tracking killed";

    private const string Queue = "dispatch.polres-metro-tangerang-kota";
    private readonly ConcurrentDictionary<Guid, bool> accepted = new();
    private readonly ConcurrentQueue<(long SentAt, long AnsweredAt, string Reason)> failures = new();
    private readonly ConcurrentQueue<(long SentAt, long AnsweredAt)> posts = new(); // every POST, answered or failed
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, bool>> arrivals = new();
    private long redeliveries;

    public async Task<FailoverResults> RunAsync()
    {
        await using var station = await ListenAsync();
        using var poster = new ReportPoster(environment) { OnFailure = (reason, sentAt) =>
            failures.Enqueue((sentAt, Stopwatch.GetTimestamp(), reason)) };
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var posting = PostSteadilyAsync(poster, stop.Token);

        var failovers = new List<FailoverWindow>(); // their failed POSTs counted once every POST has answered
        await Task.Delay(settle);
        var leader = await QueueLeaderAsync();
        failovers.Add(await FailoverAsync($"RabbitMQ node {leader} (the station queue's leader) killed",
            () => cluster.KillRabbitNodeAsync(leader), () => cluster.RestartRabbitNodeAsync(leader)));
        var primary = await cluster.PrimaryAsync();
        // The old primary comes back only once the standby was promoted: else its Patroni would still hold the leader key.
        failovers.Add(await FailoverAsync($"PostgreSQL primary pg{primary} killed with its Patroni (the standby is promoted)",
            () => cluster.KillPatroniNodeAsync(primary), () => cluster.RestartPatroniNodeAsync(primary),
            async () => await cluster.PrimaryOrNoneAsync() is { } now && now != primary));
        failovers.Add(await FailoverAsync(InstancesKilled,
            cluster.KillOneInstanceOfEachServiceAsync, () => Task.CompletedTask));

        await stop.CancelAsync();
        await posting;
        var postingSeconds = clock.Elapsed.TotalSeconds;
        var outcomes = failovers.Select(failover => OutcomeOf(failover, failovers)).ToList(); // Describe's table prints them
        Console.WriteLine($"Posting stopped after {postingSeconds:N0} s: {accepted.Count} accepted, {failures.Count} failed. Waiting for delivery...");
        var deadline = Stopwatch.StartNew();
        while (accepted.Keys.Any(id => !arrivals.ContainsKey(id)) && deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(500);
        }

        using var tracking = new TrackingProbe(environment);
        var missingInTracking = 0;
        foreach (var reportId in accepted.Keys)
        {
            if (await tracking.WaitUntilShownAsync(reportId, TimeSpan.FromSeconds(60)) is null)
            {
                missingInTracking++;
            }
        }

        var missingAtStation = accepted.Keys.Where(id => !arrivals.ContainsKey(id)).ToList();
        return new FailoverResults(
            DateTimeOffset.UtcNow, accepted.Count, failures.Count, outcomes, missingAtStation.Count,
            missingInTracking, Interlocked.Read(ref redeliveries), arrivals.Values.Count(messages => messages.Count > 1),
            await DuplicatedEventsAsync(), accepted.Count / postingSeconds,
            await LastEventsOfAsync(missingAtStation), await DaemonsBehindAsync());
    }

    /// <summary>
    /// Where the reports missing at the station stopped: the type of each one's last stored event, counted (ReportReceived:
    /// Routing never forwarded it; ReportForwarded: Dispatch never delivered it).
    /// </summary>
    private Task<Dictionary<string, long>> LastEventsOfAsync(IReadOnlyList<Guid> reportIds) => CountsAsync("""
        SELECT last.type, count(*) FROM (SELECT DISTINCT ON (stream_id) type FROM polri110.mt_events
        WHERE stream_id = ANY($1) ORDER BY stream_id, version DESC) last GROUP BY last.type
        """, reportIds.ToArray());

    /// <summary>How many events each daemon shard (projections, bus publishers) is behind the high water mark at the end.</summary>
    private Task<Dictionary<string, long>> DaemonsBehindAsync() => CountsAsync("""
        SELECT shard.name, mark.last_seq_id - shard.last_seq_id FROM polri110.mt_event_progression shard
        CROSS JOIN (SELECT last_seq_id FROM polri110.mt_event_progression WHERE name = 'HighWaterMark') mark
        WHERE shard.name NOT LIKE 'HighWater%' -- the mark itself, and Marten's record of a gap it waits at
        """);

    /// <summary>A query's rows of (name, bigint), as a dictionary.</summary>
    private async Task<Dictionary<string, long>> CountsAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(environment.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>
    /// Kills, lets the system ride it out (at least the settle time, and until <paramref name="failedOver"/> holds),
    /// restarts the piece and lets it settle again.
    /// </summary>
    private async Task<FailoverWindow> FailoverAsync(string what, Func<Task> kill, Func<Task> restart, Func<Task<bool>>? failedOver = null)
    {
        Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {what}");
        var killedAt = Stopwatch.GetTimestamp();
        await kill();
        var failoverSeconds = 0.0;
        while (failedOver is not null && !await failedOver())
        {
            if (Stopwatch.GetElapsedTime(killedAt) > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"No failover two minutes after: {what}");
            }

            await Task.Delay(250);
            failoverSeconds = Stopwatch.GetElapsedTime(killedAt).TotalSeconds;
        }

        Console.WriteLine($"  failed over in {failoverSeconds:N1} s");
        await Task.Delay(settle);

        var restartedAt = Stopwatch.GetTimestamp();
        await restart();
        // A slow rejoin is the usual reason a run of this proof takes long: say how long it took.
        var restartSeconds = Stopwatch.GetElapsedTime(restartedAt).TotalSeconds;
        Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss}   started again in {restartSeconds:N1} s");
        await Task.Delay(settle);
        return new FailoverWindow(what, killedAt, restartedAt, Stopwatch.GetTimestamp(), failoverSeconds, restartSeconds);
    }

    /// <summary>One failover's times (Stopwatch timestamps): the kill, the restart of the killed piece, the end of its settling.</summary>
    private sealed record FailoverWindow(string What, long KilledAt, long RestartedAt, long SettledAt, double FailoverSeconds, double RestartSeconds);

    /// <summary>The failed POSTs that were <paramref name="failover"/>'s (see <see cref="FailoverOutcome"/>), counted.</summary>
    private FailoverOutcome OutcomeOf(FailoverWindow failover, IReadOnlyList<FailoverWindow> all)
    {
        var its = failures.Where(failure => OwnerOf(failure.SentAt, failure.AnsweredAt, all) == failover).ToList();
        // A POST the kill failed in flight was sent before it, so before the restart too.
        var (failed, seconds, because) = Counted(its.Where(failure => failure.SentAt < failover.RestartedAt));
        var (failedOnRejoin, secondsOnRejoin, becauseOnRejoin) = Counted(its.Where(failure => failure.SentAt >= failover.RestartedAt));
        var until = failover.KilledAt + (long)((failover.FailoverSeconds + 5) * Stopwatch.Frequency);
        var posted = posts.Count(post => post.SentAt < until && post.AnsweredAt >= failover.KilledAt);
        return new FailoverOutcome(failover.What, failover.FailoverSeconds, failed, seconds, failedOnRejoin, secondsOnRejoin,
            failover.RestartSeconds, because, becauseOnRejoin, posted);
    }

    /// <summary>
    /// The failover a failed POST belongs to: the last kill while it was in flight, else the one whose window (kill to
    /// settled) it was sent in; none outside every window.
    /// </summary>
    private static FailoverWindow? OwnerOf(long sentAt, long answeredAt, IReadOnlyList<FailoverWindow> all) =>
        all.LastOrDefault(window => sentAt < window.KilledAt && window.KilledAt <= answeredAt)
        ?? all.FirstOrDefault(window => sentAt >= window.KilledAt && sentAt < window.SettledAt);

    /// <summary>Failed POSTs: how many, from the first one's sending to the last one's (none: 0), and why.</summary>
    private static (int Count, double Seconds, IReadOnlyDictionary<string, int> Because) Counted(
        IEnumerable<(long SentAt, long AnsweredAt, string Reason)> failed)
    {
        var between = failed.ToList();
        if (between.Count == 0)
        {
            return (0, 0, new Dictionary<string, int>());
        }

        return (between.Count, Stopwatch.GetElapsedTime(between.Min(failure => failure.SentAt), between.Max(failure => failure.SentAt)).TotalSeconds,
            between.CountBy(failure => failure.Reason).ToDictionary());
    }

    /// <summary>"HTTP 503 text/html 12, timeout 3", or "none".</summary>
    public static string Reasons(IReadOnlyDictionary<string, int> because) =>
        because.Count == 0 ? "none" : string.Join(", ", because.OrderByDescending(reason => reason.Value).Select(reason => $"{reason.Key} {reason.Value}"));

    private async Task PostSteadilyAsync(ReportPoster poster, CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(1.0 / reportsPerSecond);
        var inFlight = new List<Task>();
        var next = Stopwatch.GetTimestamp();
        for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            var number = sequence;
            inFlight.Add(Task.Run(async () =>
            {
                var sentAt = Stopwatch.GetTimestamp();
                if (await poster.PostAsync(number) is { } posted) // a failure is recorded by the poster's OnFailure
                {
                    accepted[posted.ReportId] = true;
                }

                posts.Enqueue((sentAt, Stopwatch.GetTimestamp()));
            }, CancellationToken.None));
            next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, CancellationToken.None);
            }
        }

        await Task.WhenAll(inFlight);
    }

    /// <summary>A station desk that acknowledges what it has recorded, and reconnects through HAProxy when its node dies.</summary>
    private async Task<IAsyncDisposable> ListenAsync()
    {
        var connection = await new ConnectionFactory
        {
            Uri = environment.Amqp, AutomaticRecoveryEnabled = true, TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
        }.CreateConnectionAsync();
        // Dispatch declares a station's queue with its first delivery: post one and wait for the queue.
        using (var warmUp = new ReportPoster(environment))
        {
            await warmUp.PostAsync(-1);
        }

        var waited = Stopwatch.StartNew();
        IChannel channel;
        while (true)
        {
            channel = await connection.CreateChannelAsync();
            try
            {
                await channel.QueueDeclarePassiveAsync(Queue);
                break;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) when (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await channel.DisposeAsync();
                await Task.Delay(200);
            }
        }

        await channel.QueuePurgeAsync(Queue);
        await channel.BasicQosAsync(0, 500, false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            using var message = JsonDocument.Parse(delivery.Body);
            if (message.RootElement.GetProperty("type").GetString() == "report.dispatched")
            {
                var messages = arrivals.GetOrAdd(message.RootElement.GetProperty("reportId").GetGuid(), _ => new());
                if (!messages.TryAdd(delivery.BasicProperties.MessageId ?? "", true))
                {
                    Interlocked.Increment(ref redeliveries);
                }
            }

            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(Queue, autoAck: false, consumer);
        return connection;
    }

    private async Task<int> QueueLeaderAsync()
    {
        using var http = environment.ManagementClient();
        using var queue = JsonDocument.Parse(await http.GetStringAsync($"/api/queues/%2F/{Queue}"));
        var leader = queue.RootElement.GetProperty("leader").GetString()!; // polri110-c2@localhost
        return int.Parse(leader["polri110-c".Length..leader.IndexOf('@')]);
    }

    /// <summary>Streams holding an event twice: more than one ReportReceived, or more than one ReportForwarded.</summary>
    private async Task<int> DuplicatedEventsAsync()
    {
        await using var connection = new NpgsqlConnection(environment.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM (SELECT stream_id, type FROM polri110.mt_events
            WHERE type IN ('report_received', 'report_forwarded') GROUP BY stream_id, type HAVING count(*) > 1) twice
            """, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    /// <summary>The results as markdown tables.</summary>
    public static string Describe(FailoverResults results) =>
        $"""

        ## Failover proof, {results.At:yyyy-MM-dd HH:mm} UTC

        | | value |
        |---|---:|
        | reports accepted (201) / failed | {results.Accepted:N0} / {results.Failed:N0} |
        | accepted reports/s while posting | {results.AcceptedPerSecond:N1} |
        | accepted but not on the station queue (lost) | {results.MissingAtStation}{(results.MissingAtStation == 0 ? "" : " (last event stored: " + string.Join(", ", results.MissingAtStationBy.Select(last => $"{last.Key} {last.Value}")) + ")")} |
        | accepted but not in Tracking (lost) | {results.MissingInTracking} |
        | reports dispatched to the station in two messages (duplicates) | {results.DuplicatedAtStation} |
        | streams with an event twice | {results.DuplicatedEvents} |
        | station messages delivered again (at-least-once; stations de-duplicate on messageId) | {results.StationRedeliveries} |
        | daemon shards behind the high water mark at the end | {(results.DaemonsBehind.All(shard => shard.Value == 0) ? "none" : string.Join(", ", results.DaemonsBehind.Where(shard => shard.Value != 0).Select(shard => $"{shard.Key} {shard.Value}")))} |

        | failover | promoted after | POSTs failed | for | started again in | once started again: failed | for | why they failed |
        |---|---:|---:|---:|---:|---:|---:|---|
        {string.Join("\n", results.Failovers.Select(failover =>
            $"| {failover.What} | {failover.FailoverSeconds:N1} s | {failover.FailedPosts} | {failover.FailingSeconds:N1} s | {failover.RestartSeconds:N1} s | {failover.FailedPostsOnRejoin} | {failover.FailingSecondsOnRejoin:N1} s | {Reasons(failover.FailedBecause)}; on rejoining: {Reasons(failover.FailedOnRejoinBecause)} |"))}
        """;

    public static void Print(FailoverResults results, string jsonPath)
    {
        Console.WriteLine(Describe(results));
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"\nJSON: {jsonPath}");
    }
}
