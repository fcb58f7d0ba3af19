using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>Asks Tracking, as an auditor would, whether a report is visible yet.</summary>
public sealed class TrackingProbe(BenchEnvironment environment) : IDisposable
{
    private readonly HttpClient tracking = new()
    {
        BaseAddress = environment.Tracking,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", environment.AuditorToken) },
    };

    public async Task<bool> ShowsAsync(Guid reportId)
    {
        using var response = await tracking.GetAsync($"/api/reports/{reportId}");
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Polls every 20 ms until the report shows; the Stopwatch timestamp it first did, or null on timeout.</summary>
    public async Task<long?> WaitUntilShownAsync(Guid reportId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await ShowsAsync(reportId))
            {
                return Stopwatch.GetTimestamp();
            }

            await Task.Delay(20);
        }

        return null;
    }

    public void Dispose() => tracking.Dispose();
}
