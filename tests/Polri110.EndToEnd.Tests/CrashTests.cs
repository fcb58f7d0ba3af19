using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
public class CrashTests(Polri110System system)
{
    [Fact]
    public async Task Given_Routing_is_killed_between_the_POST_and_the_forwarding_When_it_restarts_Then_the_report_arrives_exactly_once()
    {
        const string station = "polres-bantul";
        await using var reader = new AmqpQueueReader(system.AmqpUri);
        var routing = system["Routing"];

        await routing.KillAsync();
        var reportId = await system.PostReportAsync(SampleReports.Theft("34.02.01.2001", "Crash: Routing killed before forwarding"));
        await system.WaitForTrackingAsync(reportId, "received");

        await routing.StartAsync();
        await system.WaitForTrackingAsync(reportId, "forwarded");

        // Exactly one forwarding in the stream, and exactly one message for it in the station queue.
        var history = await system.HistoryAsync(reportId);
        Assert.Single(history, e => e.GetProperty("type").GetString() == "ReportForwarded");
        var messages = await Eventually.GetAsync(
            async () =>
            {
                var forReport = (await reader.DrainAsync($"dispatch.{station}")).Where(m => m.GetProperty("reportId").GetGuid() == reportId).ToList();
                return forReport.Count > 0 ? forReport : null;
            },
            TimeSpan.FromSeconds(30), "the report in the Bantul queue");
        Assert.Single(messages);
    }

    [Fact]
    public async Task Given_Dispatch_is_killed_while_a_report_is_reopened_and_another_linked_to_it_When_it_restarts_Then_its_station_hears_of_each_once_in_order()
    {
        const string station = "polres-bantul";
        await using var reader = new AmqpQueueReader(system.AmqpUri);
        var read = new List<JsonElement>();
        async Task<List<JsonElement>> MessagesAsync(Guid reportId)
        {
            read.AddRange(await reader.DrainAsync($"dispatch.{station}"));
            return read.Where(m => m.GetProperty("reportId").GetGuid() == reportId).ToList();
        }

        var primary = await system.PostReportAsync(SampleReports.Theft("34.02.01.2001", "Crash: the primary, resolved then reopened"));
        var duplicate = await system.PostReportAsync(SampleReports.Theft("34.02.01.2001", "Crash: the same incident, another caller", phone: "0877-1234-5678"));
        await Eventually.TrueAsync(async () => (await MessagesAsync(primary)).Count == 1 && (await MessagesAsync(duplicate)).Count == 1,
            TimeSpan.FromSeconds(30), "both reports in the Bantul queue");
        var desk = system.Station(station);
        Assert.True((await desk.PostAsJsonAsync($"/api/stations/{station}/reports/{primary}/acknowledge",
            new { officer = new { nrp = "87010123", name = "Bripka Andi" } })).IsSuccessStatusCode);
        Assert.True((await desk.PostAsJsonAsync($"/api/stations/{station}/reports/{primary}/resolve", new { outcome = "recovered", summary = "Motor ditemukan" })).IsSuccessStatusCode);
        await system.WaitForTrackingAsync(primary, "resolved");

        var dispatch = system["Dispatch"];
        await dispatch.KillAsync();
        Assert.Equal(HttpStatusCode.OK, (await system.Intake.PostAsJsonAsync($"/api/reports/{primary}/reopen", new { reason = "Motornya hilang lagi" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.Intake.PostAsync($"/api/reports/{duplicate}/duplicate-of/{primary}", null)).StatusCode);
        await system.WaitForTrackingAsync(primary, "forwarded");
        await system.WaitForTrackingAsync(duplicate, "duplicate");

        await dispatch.StartAsync();

        await Eventually.TrueAsync(async () =>
            (await MessagesAsync(primary)).Any(m => m.GetProperty("type").GetString() == "report.caller-added")
            && (await MessagesAsync(primary)).Any(m => m.GetProperty("type").GetString() == "report.reopened")
            && (await MessagesAsync(duplicate)).Any(m => m.GetProperty("type").GetString() == "report.withdrawn"),
            TimeSpan.FromSeconds(60), "the reopening, the extra caller and the withdrawal in the Bantul queue");
        Assert.Equal(["report.dispatched", "report.withdrawn"], (await MessagesAsync(duplicate)).Select(m => m.GetProperty("type").GetString()!).ToArray());
        var primaryMessages = (await MessagesAsync(primary)).Select(m => m.GetProperty("type").GetString()!).ToArray();
        Assert.Equal("report.dispatched", primaryMessages[0]);
        Assert.Equal(["report.caller-added", "report.dispatched", "report.reopened"], primaryMessages.Order().ToArray());
        var open = await Eventually.GetAsync(async () =>
        {
            var list = (await desk.GetFromJsonAsync<JsonElement[]>($"/api/stations/{station}/reports"))!.Select(r => r.GetProperty("id").GetGuid()).ToList();
            return list.Contains(primary) && !list.Contains(duplicate) ? list : null;
        }, TimeSpan.FromSeconds(30), "the reopened report back in the station's open list and the duplicate out of it");
        Assert.Contains(primary, open);
    }
}
