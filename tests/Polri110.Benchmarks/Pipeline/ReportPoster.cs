using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>One accepted POST: the report, when its request started and when the 201 came back (Stopwatch timestamps).</summary>
public sealed record PostedReport(Guid ReportId, long StartedAt, long AcceptedAt);

/// <summary>Posts reports to Intake as an operator console would, with an Idempotency-Key each.</summary>
public sealed class ReportPoster(BenchEnvironment environment) : IDisposable
{
    private readonly HttpClient intake = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = environment.Intake,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", environment.OperatorToken) },
        Timeout = TimeSpan.FromSeconds(30),
    };

    public long Failures;

    /// <summary>
    /// Told why each failed POST failed ("HTTP 503 text/html", "timeout", the kind of connection error) and when it was sent
    /// (a Stopwatch timestamp), as it fails.
    /// </summary>
    public Action<string, long>? OnFailure { get; init; }

    public Task<PostedReport?> PostAsync(int sequence) => PostAsync(new
    {
        caller = new { phone = $"+62812{Math.Abs(sequence) % 100_000_000:D8}", name = "Benchmark Caller" },
        location = new { regionCode = "36.71.01.1001", address = "Jl. Daan Mogot No. 1", latitude = -6.17, longitude = 106.63 },
        category = "theft",
        description = $"Benchmark report {sequence}: motor dicuri di depan minimarket",
    });

    /// <summary>Posts any report body (e.g. a silent call).</summary>
    public async Task<PostedReport?> PostAsync(object report)
    {
        var body = JsonSerializer.Serialize(report);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await intake.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                // HAProxy's own answers are text/html; the service's are problem details.
                return Failed(started, $"HTTP {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
            }

            var accepted = Stopwatch.GetTimestamp();
            using var created = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            return new PostedReport(created.RootElement.GetProperty("reportId").GetGuid(), started, accepted);
        }
        catch (TaskCanceledException)
        {
            return Failed(started, "timeout");
        }
        catch (HttpRequestException e)
        {
            return Failed(started, e.HttpRequestError.ToString());
        }
    }

    private PostedReport? Failed(long started, string reason)
    {
        Interlocked.Increment(ref Failures);
        OnFailure?.Invoke(reason, started);
        return null;
    }

    /// <summary>
    /// Full speed: <paramref name="posters"/> concurrent posters, each posting again as soon as its answer came, for
    /// <paramref name="length"/>. The accepted reports and the seconds it took.
    /// </summary>
    public async Task<(IReadOnlyCollection<PostedReport> Accepted, double Seconds)> PostAtFullSpeedAsync(
        TimeSpan length, int firstSequence, int posters = 64)
    {
        var posted = new ConcurrentQueue<PostedReport>();
        var sequence = firstSequence;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, posters).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < length)
            {
                if (await PostAsync(Interlocked.Increment(ref sequence)) is { } report)
                {
                    posted.Enqueue(report);
                }
            }
        })));
        return (posted, clock.Elapsed.TotalSeconds);
    }

    public void Dispose() => intake.Dispose();
}
