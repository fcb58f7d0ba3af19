using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests.Faults;

/// <summary>
/// While reports keep coming, kill -9 and restart, one at a time, each service, RabbitMQ and PostgreSQL; then
/// every report that got a 201 must be in its station's queue and in Tracking, with no event written twice.
/// </summary>
[Trait("Category", "Faults")]
public sealed class FaultTests : IAsyncLifetime
{
    private const string Station = "polres-metro-tangerang-kota";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly OwnServers servers = new();
    private readonly Dictionary<string, ServiceProcess> services = new();
    private readonly ConcurrentDictionary<Guid, bool> accepted = new();
    private readonly ConcurrentDictionary<Guid, string> expectedStatus = new();
    private readonly ConcurrentBag<Task> flagging = new();
    private readonly ConcurrentBag<(HttpStatusCode Status, string? ContentType, DateTimeOffset At)> refusals = new();
    private string database = "";
    private int unreachable;

    public async Task InitializeAsync()
    {
        await servers.StartAsync();
        database = servers.ServiceDatabase;
        foreach (var name in new[] { "Intake", "Routing", "Dispatch", "Tracking" })
        {
            var amqp = servers.AmqpUriAs(Polri110System.BrokerUserOf(name));
            services[name] = new ServiceProcess(name, Polri110System.EnvironmentOf(name, database, amqp, servers.StationsManagement));
            await services[name].MigrateAsync(servers.OwnerDatabase);
            await services[name].StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var service in services.Values)
        {
            await service.DisposeAsync();
        }

        await servers.DisposeAsync();
    }

    [Fact]
    public async Task Every_accepted_report_reaches_its_station_and_Tracking_through_kills_of_every_service_RabbitMQ_and_PostgreSQL()
    {
        await using var station = new AmqpQueueReader(servers.AmqpUri);
        var arrived = new ConcurrentDictionary<Guid, int>();
        var withdrawn = new ConcurrentDictionary<Guid, bool>();
        using var stop = new CancellationTokenSource();
        var posting = Task.Run(() => PostSteadilyAsync(stop.Token));
        void Record(JsonElement message)
        {
            var reportId = message.GetProperty("reportId").GetGuid();
            if (message.GetProperty("type").GetString() == "report.withdrawn")
            {
                withdrawn[reportId] = true;
            }
            else
            {
                arrived.AddOrUpdate(reportId, 1, (_, n) => n + 1);
            }
        }

        var reading = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    foreach (var message in await station.DrainAsync($"dispatch.{Station}"))
                    {
                        Record(message);
                    }
                }
                catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.BrokerUnreachableException
                                              or RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException)
                {
                    await station.DisposeAsync(); // the broker is being killed: reconnect on the next round
                }

                await Task.Delay(100);
            }
        });

        foreach (var name in new[] { "Intake", "Routing", "Dispatch", "Tracking" })
        {
            await FlowingAsync(10);
            var unreachableBefore = unreachable;
            await services[name].KillAsync();
            if (name == "Intake")
            {
                await Eventually.TrueAsync(() => Task.FromResult(unreachable > unreachableBefore), Patience, "the console to find Intake gone");
            }
            else
            {
                await FlowingAsync(5);
            }

            await services[name].StartAsync();
        }

        await FlowingAsync(10);
        await servers.KillRabbitAsync();
        // Intake keeps taking reports while the broker is away: the event store is the outbox.
        await FlowingAsync(10);
        await servers.StartRabbitAsync();

        await FlowingAsync(10);
        var refusedBefore = refusals.Count;
        await servers.KillPostgresAsync();
        await Eventually.TrueAsync(() => Task.FromResult(refusals.Count > refusedBefore), Patience, "Intake to refuse reports while PostgreSQL is down");
        await servers.StartPostgresAsync();
        await FlowingAsync(20);

        stop.Cancel();
        await posting;
        await reading;

        // Every report that got a 201 reached its station's queue ...
        await using var finalReader = new AmqpQueueReader(servers.AmqpUri);
        await Eventually.TrueAsync(async () =>
        {
            foreach (var message in await finalReader.DrainAsync($"dispatch.{Station}"))
            {
                Record(message);
            }

            // A flagged incident may have been flagged before it reached the station: then it must never reach it.
            return Incidents.Except(Flagged).All(arrived.ContainsKey) && Flagged.All(id => !arrived.ContainsKey(id) || withdrawn.ContainsKey(id));
        }, Patience, $"all {Incidents.Count()} accepted incidents in the station queue, and each of the {Flagged.Count()} flagged ones that got there withdrawn");

        // ... and Tracking, where silent calls are closed and flagged incidents flagged,
        using var tracking = Client("Tracking", TestTokens.For(Roles.Auditor));
        await Eventually.TrueAsync(async () =>
        {
            foreach (var reportId in accepted.Keys.Where(id => accepted[id]))
            {
                var response = await tracking.GetAsync($"/api/reports/{reportId}");
                if (response.StatusCode != HttpStatusCode.OK
                    || (expectedStatus.TryGetValue(reportId, out var status)
                        && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() != status))
                {
                    return false;
                }

                accepted[reportId] = false; // seen in Tracking as it should be
            }

            return true;
        }, Patience, "all accepted reports in Tracking, silent calls closed and flagged reports flagged");

        // ... no event was written twice, and while PostgreSQL was down Intake said 503, as problem details.
        Assert.Empty(await DuplicatedEventsAsync());
        Assert.NotEmpty(refusals);
        Assert.All(refusals, refusal => Assert.True(
            refusal.Status == HttpStatusCode.ServiceUnavailable && refusal.ContentType == "application/problem+json",
            $"Intake refused a report with {refusal.Status} ({refusal.ContentType}) at {refusal.At:O}"));
        Assert.True(accepted.Count > 100, $"only {accepted.Count} reports were accepted");
        Assert.NotEmpty(Flagged);
        Assert.NotEmpty(withdrawn);
    }

    /// <summary>
    /// Routing, Dispatch and Tracking each hold messages they have not handled when PostgreSQL dies, and it stays away
    /// for 20 s. Their ordinary retries are turned off (<c>Bus:RetryLimit</c> 0), so any failure the outage caused that
    /// counted as the message's own would put it in _error at once. Once PostgreSQL is back, every incident reaches its
    /// station, every silent call is closed, and no message is in an _error queue.
    /// </summary>
    [Fact]
    public async Task Given_messages_in_the_consumers_hands_When_PostgreSQL_is_down_a_while_Then_none_ends_in_error_and_every_report_arrives()
    {
        foreach (var name in new[] { "Routing", "Dispatch", "Tracking" })
        {
            await services[name].DisposeAsync();
            var amqp = servers.AmqpUriAs(Polri110System.BrokerUserOf(name));
            services[name] = new ServiceProcess(name, new Dictionary<string, string>(Polri110System.EnvironmentOf(name, database, amqp, servers.StationsManagement))
            {
                ["Bus__RetryLimit"] = "0",
            });
            await services[name].StartAsync();
        }

        using var intake = Client("Intake", TestTokens.For(Roles.Operator));
        // Dispatch holds ten forwarded reports ...
        await services["Dispatch"].PauseAsync();
        var incidents = await PostAllAsync(intake, Enumerable.Range(0, 10).Select(i => SampleReports.Theft("36.71.01.1001", $"Outage report {i}")));
        await QueueHoldsAsync("deliver-forwarded-report", incidents.Count);
        // ... Routing and Tracking ten more incidents and five silent calls, just received.
        await services["Routing"].PauseAsync();
        await services["Tracking"].PauseAsync();
        var received = await PostAllAsync(intake, Enumerable.Range(0, 10).Select(i => SampleReports.Theft("36.71.01.1001", $"Outage report {10 + i}")));
        var silent = await PostAllAsync(intake, Enumerable.Range(0, 5).Select(_ => SampleReports.Call("silent")));
        await QueueHoldsAsync("route-received-report", received.Count + silent.Count);
        await QueueHoldsAsync("close-call", received.Count + silent.Count);

        await servers.KillPostgresAsync();
        foreach (var name in new[] { "Routing", "Dispatch", "Tracking" })
        {
            await services[name].ResumeAsync();
        }

        // Not a wait for a condition: the length of the outage is what this test is about.
        await Task.Delay(TimeSpan.FromSeconds(20));
        await servers.StartPostgresAsync();

        await using var station = new AmqpQueueReader(servers.AmqpUri);
        var arrived = new HashSet<Guid>();
        await Eventually.TrueAsync(async () =>
        {
            arrived.UnionWith((await station.DrainAsync($"dispatch.{Station}")).Select(message => message.GetProperty("reportId").GetGuid()));
            return incidents.Concat(received).All(arrived.Contains);
        }, Patience, $"all {incidents.Count + received.Count} incidents in the station queue");
        using var tracking = Client("Tracking", TestTokens.For(Roles.Auditor));
        await Eventually.TrueAsync(async () =>
        {
            foreach (var reportId in silent)
            {
                using var response = await tracking.GetAsync($"/api/reports/{reportId}");
                if (response.StatusCode != HttpStatusCode.OK
                    || (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() != "closed")
                {
                    return false;
                }
            }

            return true;
        }, Patience, "the silent calls closed in Tracking");

        var inError = (await QueueMessagesAsync()).Where(queue => queue.Key.EndsWith("_error") && queue.Value > 0).ToList();
        Assert.True(inError.Count == 0, $"messages in error queues: {string.Join(", ", inError)}");
        Assert.Empty(await DuplicatedEventsAsync());
    }

    private static async Task<List<Guid>> PostAllAsync(HttpClient intake, IEnumerable<object> reports)
    {
        var accepted = new List<Guid>();
        foreach (var report in reports)
        {
            using var response = await intake.PostAsJsonAsync("/api/reports", report);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            accepted.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reportId").GetGuid());
        }

        return accepted;
    }

    /// <summary>Waits until the consumer queue whose name ends so holds that many messages, ready or in a consumer's hands.</summary>
    private async Task QueueHoldsAsync(string queueName, int count) =>
        await Eventually.TrueAsync(
            async () => (await QueueMessagesAsync()).Any(queue => queue.Key.EndsWith(queueName) && queue.Value >= count),
            Patience, $"{count} messages in the queue *{queueName}");

    /// <summary>Every queue's messages (ready and unacknowledged) by the management API, whose figures lag up to 5 s.</summary>
    private async Task<Dictionary<string, long>> QueueMessagesAsync()
    {
        using var http = TestServers.ManagementClient(servers.Management, new Uri(servers.AmqpUri).UserInfo);
        using var queues = JsonDocument.Parse(await http.GetStringAsync("/api/queues/%2F?columns=name,messages"));
        return queues.RootElement.EnumerateArray().ToDictionary(
            queue => queue.GetProperty("name").GetString()!,
            queue => queue.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Number ? messages.GetInt64() : 0);
    }

    private IEnumerable<Guid> Incidents => accepted.Keys.Where(id => !expectedStatus.TryGetValue(id, out var status) || status != "closed");

    private IEnumerable<Guid> Flagged => expectedStatus.Where(entry => entry.Value == "flagged-as-prank").Select(entry => entry.Key);

    /// <summary>
    /// About 20 calls a second, each retried with its own Idempotency-Key until Intake accepts it, as a console would: every
    /// third a silent call (Tracking closes it), and now and then an incident accepted half a second earlier (so most likely at
    /// its station by then) flagged as a prank (Dispatch withdraws it).
    /// </summary>
    private async Task PostSteadilyAsync(CancellationToken stop)
    {
        using var intake = Client("Intake", TestTokens.For(Roles.Operator));
        var sequence = 0;
        var incidents = new List<Guid>();
        while (!stop.IsCancellationRequested)
        {
            var key = Guid.NewGuid().ToString();
            var silent = ++sequence % 3 == 0;
            var report = silent ? SampleReports.Call("silent") : SampleReports.Theft("36.71.01.1001", $"Fault suite report {sequence}");
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(report) };
                    request.Headers.Add("Idempotency-Key", key);
                    // Not cancelled by the stop: an answer already on its way is always recorded.
                    using var response = await intake.SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var reportId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reportId").GetGuid();
                        if (silent)
                        {
                            expectedStatus[reportId] = "closed";
                        }
                        else
                        {
                            incidents.Add(reportId);
                        }

                        if (sequence % 5 == 0 && incidents.Count > 10)
                        {
                            // Beside the posting, not in its way: a flag waits out a dead Intake or PostgreSQL like a console would.
                            flagging.Add(FlagAsync(intake, incidents[^10]));
                        }

                        accepted.TryAdd(reportId, true);
                        break;
                    }

                    refusals.Add((response.StatusCode, response.Content.Headers.ContentType?.MediaType, DateTimeOffset.UtcNow));
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref unreachable); // Intake itself is down: try again.
                }
                catch (TaskCanceledException)
                {
                    // Timed out while a server restarted: try again with the same key.
                }

                await Task.Delay(200, stop).ContinueWith(_ => { });
            }

            await Task.Delay(50, stop).ContinueWith(_ => { });
        }

        await Task.WhenAll(flagging); // while the client they use is still open
    }

    /// <summary>
    /// Flags an accepted incident as a prank, retrying while a server is away (409 means an earlier try got through).
    /// Not cancelled by the stop: a flag once asked for is carried through, so the test knows what to expect.
    /// </summary>
    private async Task FlagAsync(HttpClient intake, Guid reportId)
    {
        while (true)
        {
            try
            {
                using var response = await intake.PostAsJsonAsync($"/api/reports/{reportId}/prank", new { kind = "prank", note = "Fault suite" });
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict)
                {
                    expectedStatus[reportId] = "flagged-as-prank";
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Intake or PostgreSQL is away: try again.
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until that many more reports were accepted.</summary>
    private async Task FlowingAsync(int more)
    {
        var target = accepted.Count + more;
        await Eventually.TrueAsync(() => Task.FromResult(accepted.Count >= target), Patience, $"{more} more reports to be accepted");
    }

    private async Task<List<string>> DuplicatedEventsAsync()
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT stream_id::text || ' ' || type || ' x' || count(*) FROM polri110.mt_events
            WHERE type IN ('report_received', 'report_forwarded', 'report_routing_failed', 'report_closed', 'report_flagged_as_prank')
            GROUP BY stream_id, type HAVING count(*) > 1
            """, connection);
        var duplicates = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            duplicates.Add(reader.GetString(0));
        }

        return duplicates;
    }

    private HttpClient Client(string service, string token) => new()
    {
        BaseAddress = services[service].BaseAddress,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        Timeout = TimeSpan.FromSeconds(10),
    };
}
