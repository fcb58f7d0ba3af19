using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>
/// The Polres's desk at work: every report that reaches its queue is acknowledged by an officer and assigned to the
/// Polsek the map suggested, and the Polsek's own queue is watched for it. The way of a person's action: Dispatch commits
/// ReportAssigned, its daemon publishes it, and its consumer puts the assignment on the Polsek's queue.
/// </summary>
public sealed class StationDesk : IAsyncDisposable
{
    private const int Officers = 16;
    private readonly HttpClient dispatch;
    private readonly string station;
    private readonly Channel<(Guid ReportId, string PolsekId)> arrived = Channel.CreateUnbounded<(Guid, string)>();
    private readonly ConcurrentDictionary<Guid, (long Sent, long Answered)> assignments = new();
    private readonly Task[] officers;
    private readonly TaskCompletionSource<string> polsek = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Failures;

    /// <summary>Why the last assignment failed ("HTTP 409: ...", "timeout").</summary>
    public string? LastFailure { get; private set; }

    /// <summary>The Polsek's queue, once the first assignment has made Dispatch declare it (<see cref="WatchPolsekAsync"/>).</summary>
    public StationListener Polsek { get; } = new();

    public StationDesk(BenchEnvironment environment)
    {
        station = environment.Station;
        dispatch = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Officers })
        {
            BaseAddress = environment.Dispatch,
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", environment.StationToken) },
            Timeout = TimeSpan.FromSeconds(30),
        };
        officers = Enumerable.Range(0, Officers).Select(_ => Task.Run(AssignAsync)).ToArray();
    }

    /// <summary>A report reached the Polres's queue (its first delivery): an officer assigns it.</summary>
    public void Arrived(Guid reportId, JsonElement message)
    {
        if (message.TryGetProperty("suggestedPolsekId", out var suggested) && suggested.GetString() is { } polsekId)
        {
            polsek.TrySetResult(polsekId);
            arrived.Writer.TryWrite((reportId, polsekId));
        }
    }

    /// <summary>Watches the Polsek's queue (emptied first), once an assignment has gone there.</summary>
    public async Task WatchPolsekAsync(Uri amqp, TimeSpan timeout)
    {
        string polsekId;
        try
        {
            polsekId = await polsek.Task.WaitAsync(timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException("No report reached the Polres's queue with a suggested Polsek to assign it to.", e);
        }

        try
        {
            await Polsek.StartAsync(amqp, $"dispatch.{polsekId}", timeout);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"The Polsek's queue never appeared: {Failures} assignments failed, the last with {LastFailure ?? "none"}.", e);
        }
    }

    /// <summary>For each of these reports assigned: the assign request's ms, and ms from its sending to the Polsek's queue.</summary>
    public (Latencies Request, Latencies ToPolsek, int Assigned) Of(IEnumerable<Guid> reportIds)
    {
        var sent = reportIds.Where(assignments.ContainsKey).Select(id => (Id: id, Times: assignments[id])).ToList();
        return (
            Latencies.Of(sent.Select(a => Milliseconds(a.Times.Sent, a.Times.Answered))),
            Latencies.Of(sent.Select(a => Polsek.TryGetArrival(a.Id, out var at) ? Milliseconds(a.Times.Sent, at) : double.PositiveInfinity)),
            sent.Count);
    }

    /// <summary>Waits until every one of these reports assigned has reached the Polsek's queue, or the timeout.</summary>
    public async Task WaitForPolsekAsync(IEnumerable<Guid> reportIds, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var ids = reportIds.ToList();
        while (clock.Elapsed < timeout && ids.Any(id => assignments.ContainsKey(id) && !Polsek.TryGetArrival(id, out _)))
        {
            await Task.Delay(100);
        }
    }

    private async Task AssignAsync()
    {
        var officer = new { nrp = "90010001", name = "Benchmark Officer" };
        await foreach (var (reportId, polsekId) in arrived.Reader.ReadAllAsync())
        {
            try
            {
                using var acknowledged = await dispatch.PostAsJsonAsync($"/api/stations/{station}/reports/{reportId}/acknowledge", new { officer });
                if (!acknowledged.IsSuccessStatusCode)
                {
                    LastFailure = $"acknowledge: HTTP {(int)acknowledged.StatusCode}: {await acknowledged.Content.ReadAsStringAsync()}";
                    Interlocked.Increment(ref Failures);
                    continue;
                }

                var sent = Stopwatch.GetTimestamp();
                using var response = await dispatch.PostAsJsonAsync($"/api/stations/{station}/reports/{reportId}/assign", new { polsekId, officer });
                if (response.IsSuccessStatusCode)
                {
                    assignments[reportId] = (sent, Stopwatch.GetTimestamp());
                    continue;
                }

                LastFailure = $"assign: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                LastFailure = e.GetType().Name;
            }

            Interlocked.Increment(ref Failures);
        }
    }

    private static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public async ValueTask DisposeAsync()
    {
        arrived.Writer.TryComplete();
        await Task.WhenAll(officers);
        dispatch.Dispose();
        await Polsek.DisposeAsync();
    }
}
