using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests;

/// <summary>The operator's real day (SPEC §4): silent calls, pranks, callers who cannot say where, and repeat callers.</summary>
[Collection(SystemCollection.Name)]
public class CallerJourneyTests(Polri110System system)
{
    private const string Station = "polres-metro-tangerang-kota";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task One_number_makes_three_silent_calls_an_incident_and_a_prank_and_its_history_says_so_under_any_spelling()
    {
        await using var queue = new AmqpQueueReader(system.AmqpUri);
        var number = "857" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        var silent = new[]
        {
            await system.PostReportAsync(SampleReports.Call("silent", $"0{number}")),
            await system.PostReportAsync(SampleReports.Call("silent", $"62{number}")),
            await system.PostReportAsync(SampleReports.Call("silent", $"+62 {number[..3]}-{number[3..7]}-{number[7..]}")),
        };
        var incident = await system.PostReportAsync(SampleReports.Theft(description: "Caller journey: motor dicuri", phone: $"0{number}"));
        var prank = await system.PostReportAsync(SampleReports.Call("prank", $"0{number}"));

        // Calls that are not incidents are closed at once by Tracking; the incident goes to its station.
        foreach (var call in silent.Append(prank))
        {
            var summary = await system.WaitForTrackingAsync(call, "closed");
            Assert.Null(summary.GetProperty("polresId").GetString());
        }

        await system.WaitForTrackingAsync(incident, "forwarded");
        var history = await HistoryAsync($"+62{number}", h => h.GetProperty("reports").GetArrayLength() == 5
                                                             && h.GetProperty("reports").EnumerateArray().All(r => r.GetProperty("status").GetString() is "closed" or "forwarded"));
        Assert.Equal([prank, incident, silent[2], silent[1], silent[0]], history.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("reportId").GetGuid()).ToArray());
        var counts = history.GetProperty("counts");
        Assert.Equal((5, 3, 1, 1), (counts.GetProperty("total").GetInt32(), counts.GetProperty("silent").GetInt32(), counts.GetProperty("incident").GetInt32(), counts.GetProperty("prank").GetInt32()));
        Assert.False(history.GetProperty("repeatPrankCaller").GetBoolean());

        // The incident turns out to be a prank too, after it reached the station: the station is told to stop.
        var flagged = await system.Intake.PostAsJsonAsync($"/api/reports/{incident}/prank", new { kind = "prank", note = "Tidak ada kejadian" });
        Assert.Equal(HttpStatusCode.OK, flagged.StatusCode);
        var messages = await Eventually.GetAsync(async () =>
        {
            var mine = (await queue.DrainAsync($"dispatch.{Station}")).Where(m => m.GetProperty("reportId").GetGuid() == incident).ToList();
            return mine.Any(m => m.GetProperty("type").GetString() == "report.withdrawn") ? mine : null;
        }, Patience, "report.withdrawn in the station's queue");
        Assert.Equal("prank", messages.Single(m => m.GetProperty("type").GetString() == "report.withdrawn").GetProperty("reason").GetString());
        await system.WaitForTrackingAsync(incident, "flagged-as-prank");
        await Eventually.TrueAsync(
            async () => !(await system.Station(Station).GetFromJsonAsync<JsonElement[]>($"/api/stations/{Station}/reports"))!
                .Any(r => r.GetProperty("id").GetGuid() == incident),
            Patience, "the flagged report to leave the station's open list");

        // A third prank or abusive call within 30 days marks the caller; the line still takes the call.
        var abusive = await system.PostReportAsync(SampleReports.Call("abusive", $"0{number[..3]} {number[3..]}"));
        history = await HistoryAsync($"0{number}", h => h.GetProperty("repeatPrankCaller").GetBoolean());
        Assert.Equal(abusive, history.GetProperty("reports")[0].GetProperty("reportId").GetGuid());
        Assert.Equal((6, 2, 1, 0), (history.GetProperty("counts").GetProperty("total").GetInt32(), history.GetProperty("counts").GetProperty("prank").GetInt32(),
            history.GetProperty("counts").GetProperty("abusive").GetInt32(), history.GetProperty("counts").GetProperty("incident").GetInt32()));

        // The number was in request bodies, a request path and queue messages, and it is in no service's log.
        foreach (var service in new[] { "Intake", "Routing", "Dispatch", "Tracking" })
        {
            Assert.DoesNotContain(number[3..], system[service].Output);
        }
    }

    [Fact]
    public async Task An_incident_whose_caller_cannot_say_where_waits_in_triage_until_a_supervisor_routes_it()
    {
        await using var queue = new AmqpQueueReader(system.AmqpUri);
        var reportId = await system.PostReportAsync(new
        {
            caller = new { phone = "0812-3456-7890" },
            location = new { address = "Di jalan tol, tidak tahu kilometer berapa" },
            category = "traffic-accident-injury",
            description = "Triage journey: kecelakaan, korban luka",
        });

        var summary = await system.WaitForTrackingAsync(reportId, "routing-failed");
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("regionCode").ValueKind);
        var entry = await Eventually.GetAsync<JsonElement?>(async () =>
            (await system.Routing.GetFromJsonAsync<JsonElement[]>("/api/triage"))!.Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("id").GetGuid() == reportId),
            Patience, "the report on the triage list") ?? default;
        Assert.StartsWith("No region", entry.GetProperty("reason").GetString());

        var routed = await system.Routing.PostAsJsonAsync($"/api/triage/{reportId}/route", new { regionCode = "36.71.01", reason = "Penelepon menyebut tol Batuceper" });

        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        await system.WaitForTrackingAsync(reportId, "forwarded");
        var dispatched = await Eventually.GetAsync<JsonElement?>(
            async () => (await queue.DrainAsync($"dispatch.{Station}")).Cast<JsonElement?>().FirstOrDefault(m => m!.Value.GetProperty("reportId").GetGuid() == reportId),
            Patience, "the report in the station's queue") ?? default;
        Assert.Equal("report.dispatched", dispatched.GetProperty("type").GetString());
        Assert.Equal("+6281234567890", dispatched.GetProperty("caller").GetProperty("phone").GetString());
        Assert.Equal("P1", dispatched.GetProperty("priority").GetString());
    }

    private async Task<JsonElement> HistoryAsync(string phone, Func<JsonElement, bool> until) =>
        await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var history = await system.Intake.GetFromJsonAsync<JsonElement>($"/api/callers/{Uri.EscapeDataString(phone)}/history");
            return until(history) ? history : null;
        }, Patience, $"the caller's history of {phone}") ?? default;
}
