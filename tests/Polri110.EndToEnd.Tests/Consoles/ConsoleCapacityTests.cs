using System.Diagnostics;
using Microsoft.Playwright;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;
using Xunit.Abstractions;

namespace Polri110.EndToEnd.Tests.Consoles;

/// <summary>Many desks at once: every open page gets every change, and the console's memory is reported.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleCapacityTests(ConsoleSystem consoles, ITestOutputHelper output)
{
    private const int OpenPages = 50;

    [Fact]
    public async Task Fifty_open_station_pages_each_show_a_new_report_live()
    {
        var first = await consoles.SignInAsync(Roles.Station, "/station");
        var memoryBefore = consoles.ConsoleMemoryBytes;
        var pages = new List<IPage> { first };
        while (pages.Count < OpenPages)
        {
            var page = await first.Context.NewPageAsync();
            await page.GotoAsync("/station");
            await ConsoleSystem.WaitUntilInteractiveAsync(page);
            pages.Add(page);
        }

        // Other stations' reports: the pages should not re-read for them (measured by Dispatch's own request count, printed).
        var listReadsBefore = await StationListReadsAsync();
        var elsewhere = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => consoles.System.PostReportAsync(SampleReports.Theft("34.02.01.2001"))));
        await Task.WhenAll(elsewhere.Select(id => consoles.System.WaitForTrackingAsync(id, "forwarded")));
        output.WriteLine($"Dispatch served {await StationListReadsAsync() - listReadsBefore} station list reads while {elsewhere.Length} reports " +
                         $"went to another Polres, {OpenPages} pages of this one open");

        var reportId = await consoles.System.PostReportAsync(SampleReports.Theft(description: "Uji lima puluh meja"));
        var posted = Stopwatch.StartNew();
        var listed = Eventually.TrueAsync(
            async () => (await consoles.System.Station(ConsoleSystem.Station).GetStringAsync($"/api/stations/{ConsoleSystem.Station}/reports"))
                .Contains(reportId.ToString()),
            TimeSpan.FromSeconds(20), "Dispatch's station list to hold the report")
            .ContinueWith(probe => probe.IsCompletedSuccessfully ? $"after {posted.ElapsedMilliseconds} ms" : "not within 20 s");
        var trackingCode = (await consoles.System.WaitForTrackingAsync(reportId, "forwarded")).GetProperty("trackingCode").GetString()!;
        await Task.WhenAll(pages.Select(page =>
            page.GetByTestId("station-reports").Locator("tr", new() { HasText = trackingCode }).WaitForAsync(new() { Timeout = 20_000 })));
        var memoryWithPages = consoles.ConsoleMemoryBytes;
        output.WriteLine(
            $"{OpenPages} circuits: all showed the new report {posted.ElapsedMilliseconds} ms after its POST (Dispatch's list held it " +
            $"{await listed}); console memory " +
            $"{memoryBefore / 1048576} MiB with one circuit, {memoryWithPages / 1048576} MiB with {OpenPages}");

        foreach (var page in pages.Skip(1))
        {
            await page.CloseAsync();
        }
    }

    /// <summary>How many times Dispatch has answered a station list read (its request-duration histogram at /metrics).</summary>
    private async Task<long> StationListReadsAsync()
    {
        var metrics = await consoles.System.Station(ConsoleSystem.Station).GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                           && line.Contains("http_route=\"/api/stations/{polresId}/reports\"", StringComparison.Ordinal))
            .Sum(line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
