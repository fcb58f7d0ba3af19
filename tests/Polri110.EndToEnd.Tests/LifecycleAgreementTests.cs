using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests;

/// <summary>
/// After each step of a report's life, the station's list, Tracking's summary, the caller's history and the station's
/// queue tell the same story (SPEC §4, "One lifecycle").
/// </summary>
[Collection(SystemCollection.Name)]
public class LifecycleAgreementTests(Polri110System system)
{
    private const string Station = "polres-metro-tangerang-kota";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_resolved_report_reopened_by_the_caller_goes_back_to_its_station_with_a_fresh_deadline_and_closes_only_once_resolved_again()
    {
        await using var queue = new AmqpQueueReader(system.AmqpUri);
        var phone = "0858" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        var reportId = await system.PostReportAsync(SampleReports.Theft(description: "Lifecycle: motor dicuri", phone: phone));
        var dispatched = await MessageAsync(queue, reportId, "report.dispatched");
        var desk = system.Station(Station);
        await ActAsync(desk, reportId, "acknowledge", new { officer = new { nrp = "87010123", name = "Bripka Andi" } });
        await ActAsync(desk, reportId, "resolve", new { outcome = "recovered", summary = "Motor ditemukan" });
        await AgreeAsync(reportId, phone, "resolved", "87010123", openAtStation: false);

        var reopened = await system.Intake.PostAsJsonAsync($"/api/reports/{reportId}/reopen", new { reason = "Penelepon: motornya dicuri lagi dari polsek" });

        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        var message = await MessageAsync(queue, reportId, "report.reopened");
        Assert.Equal("Penelepon: motornya dicuri lagi dari polsek", message.GetProperty("reason").GetString());
        Assert.True(message.GetProperty("acknowledgeBy").GetDateTimeOffset() > dispatched.GetProperty("acknowledgeBy").GetDateTimeOffset());
        Assert.NotEqual(dispatched.GetProperty("messageId").GetString(), message.GetProperty("messageId").GetString());
        await AgreeAsync(reportId, phone, "forwarded", Station, openAtStation: true);

        // Closing is for resolved reports only: the supervisor must wait for the station.
        using var supervisor = Client("Tracking", Roles.Supervisor);
        var tooEarly = await supervisor.PostAsJsonAsync($"/api/reports/{reportId}/close", new { reason = "Sudah lama" });
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);

        await ActAsync(desk, reportId, "acknowledge", new { officer = new { nrp = "80010099", name = "Bripda Sari" } });
        await AgreeAsync(reportId, phone, "acknowledged", "80010099", openAtStation: true);

        // The second hop: the Polres hands it to the Polsek the map suggested, which reads it from its own queue and resolves it.
        var polsek = dispatched.GetProperty("suggestedPolsekId").GetString()!;
        Assert.Equal("polsek-36-71-01", polsek);
        await ActAsync(desk, reportId, "assign", new { polsekId = polsek, officer = new { nrp = "90010001", name = "Bripda Wulan" } });
        var assigned = await MessageAsync(queue, reportId, "report.assigned", polsek);
        Assert.Equal("90010001", assigned.GetProperty("assignedOfficer").GetProperty("nrp").GetString());
        await AgreeAsync(reportId, phone, "assigned", "90010001", openAtStation: true);
        await ActAsync(system.Station(polsek), reportId, "resolve", new { outcome = "recovered", summary = "Motor ditemukan lagi" }, polsek);
        var closed = await supervisor.PostAsJsonAsync($"/api/reports/{reportId}/close", new { reason = "Dikonfirmasi penelepon" });

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        await AgreeAsync(reportId, phone, "closed", "90010001", openAtStation: false);
        var history = (await system.HistoryAsync(reportId)).Select(e => e.GetProperty("type").GetString()!).ToArray();
        Assert.Equal(
            ["ReportReceived", "ReportForwarded", "ReportAcknowledged", "ReportResolved", "ReportReopened", "ReportAcknowledged", "ReportAssigned",
             "ReportResolved", "ReportClosed"],
            history);
    }

    [Fact]
    public async Task A_second_call_about_the_same_incident_is_offered_as_a_duplicate_withdrawn_when_linked_and_dispatched_again_when_unlinked()
    {
        await using var queue = new AmqpQueueReader(system.AmqpUri);
        var (firstPhone, secondPhone) = ("0859" + Random.Shared.NextInt64(10_000_000, 99_999_999), "0859" + Random.Shared.NextInt64(10_000_000, 99_999_999));
        var primary = await system.PostReportAsync(SampleReports.Theft("36.71.01.1001", "Duplicates: motor dicuri di minimarket", firstPhone));
        var duplicate = await system.PostReportAsync(SampleReports.Theft("36.71.01.1002", "Duplicates: ada motor dicuri barusan", secondPhone));
        await MessageAsync(queue, duplicate, "report.dispatched");

        var candidates = (await system.Intake.GetFromJsonAsync<JsonElement[]>($"/api/reports/{duplicate}/possible-duplicates"))!;
        var offered = candidates.Single(c => c.GetProperty("reportId").GetGuid() == primary);
        Assert.Equal(["same-place-and-category"], offered.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.DoesNotContain(candidates, c => c.GetProperty("reportId").GetGuid() == duplicate);

        var linked = await system.Intake.PostAsync($"/api/reports/{duplicate}/duplicate-of/{primary}", null);

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var withdrawn = await MessageAsync(queue, duplicate, "report.withdrawn");
        Assert.Equal("duplicate", withdrawn.GetProperty("reason").GetString());
        Assert.Equal(primary, withdrawn.GetProperty("duplicateOf").GetGuid());
        // The primary's station learns of the extra caller, to call them back too.
        var callerAdded = await MessageAsync(queue, primary, "report.caller-added");
        Assert.Equal(duplicate, callerAdded.GetProperty("duplicateReportId").GetGuid());
        Assert.Equal($"+62{secondPhone[1..]}", callerAdded.GetProperty("caller").GetProperty("phone").GetString());
        await AgreeAsync(duplicate, secondPhone, "duplicate", Station, openAtStation: false);
        Assert.Equal(primary, (await system.WaitForTrackingAsync(duplicate, "duplicate")).GetProperty("duplicateOf").GetGuid());
        // A link goes to the primary: not to the duplicate, and not twice.
        Assert.Equal(HttpStatusCode.Conflict, (await system.Intake.PostAsync($"/api/reports/{primary}/duplicate-of/{duplicate}", null)).StatusCode);

        var unlinked = await system.Intake.DeleteAsync($"/api/reports/{duplicate}/duplicate-of");

        Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
        var again = await MessageAsync(queue, duplicate, "report.dispatched", matching: m => m.GetProperty("reason").ValueKind == JsonValueKind.String);
        Assert.Contains(primary.ToString(), again.GetProperty("reason").GetString());
        await AgreeAsync(duplicate, secondPhone, "forwarded", Station, openAtStation: true);
    }

    /// <summary>Waits until every read model shows the report in this status, with this owner, open at its station or not.</summary>
    private async Task AgreeAsync(Guid reportId, string phone, string status, string owner, bool openAtStation)
    {
        var summary = await system.WaitForTrackingAsync(reportId, status);
        Assert.Equal(owner, summary.GetProperty("owner").GetString());
        await Eventually.TrueAsync(async () =>
        {
            // Each read model catches up on its own: the station's list may not hold the report yet when Tracking already does.
            var listed = (await system.Station(Station).GetFromJsonAsync<JsonElement[]>($"/api/stations/{Station}/reports?status=all"))!
                .Where(r => r.GetProperty("id").GetGuid() == reportId).ToArray();
            var open = (await system.Station(Station).GetFromJsonAsync<JsonElement[]>($"/api/stations/{Station}/reports"))!
                .Any(r => r.GetProperty("id").GetGuid() == reportId);
            return listed is [var all] && all.GetProperty("status").GetString() == status && all.GetProperty("owner").GetString() == owner
                && open == openAtStation;
        }, Patience, $"the station's list to show {status}, owned by {owner}");
        await Eventually.TrueAsync(async () =>
        {
            var history = await system.Intake.GetFromJsonAsync<JsonElement>($"/api/callers/{phone}/history");
            return history.GetProperty("reports").EnumerateArray().Where(r => r.GetProperty("reportId").GetGuid() == reportId).ToArray()
                is [var listed] && listed.GetProperty("status").GetString() == status;
        }, Patience, $"the caller's history to show {status}");
    }

    private static async Task ActAsync(HttpClient desk, Guid reportId, string action, object body, string station = Station)
    {
        var response = await desk.PostAsJsonAsync($"/api/stations/{station}/reports/{reportId}/{action}", body);
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Every message this test has read from a queue: reading one takes all that are there.</summary>
    private readonly List<(string Queue, JsonElement Message)> read = [];

    private async Task<JsonElement> MessageAsync(
        AmqpQueueReader queue, Guid reportId, string type, string station = Station, Func<JsonElement, bool>? matching = null) =>
        await Eventually.GetAsync<JsonElement?>(
            async () =>
            {
                read.AddRange((await queue.DrainAsync($"dispatch.{station}")).Select(message => ($"dispatch.{station}", message)));
                return read.Where(entry => entry.Queue == $"dispatch.{station}").Select(entry => (JsonElement?)entry.Message)
                    .FirstOrDefault(m => m!.Value.GetProperty("reportId").GetGuid() == reportId && m.Value.GetProperty("type").GetString() == type
                                         && (matching is null || matching(m.Value)));
            },
            Patience, $"{type} in the station's queue") ?? default;

    private HttpClient Client(string service, string role) => new()
    {
        BaseAddress = system.AddressOf(service),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(role)) },
    };
}
