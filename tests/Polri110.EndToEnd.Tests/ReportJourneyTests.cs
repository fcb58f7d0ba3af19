using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
public class ReportJourneyTests(Polri110System system)
{
    private const string Station = "polres-metro-tangerang-kota";

    [Fact]
    public async Task A_report_travels_from_the_operator_to_the_station_queue_and_is_resolved_with_its_full_history_in_Tracking()
    {
        await using var station = new AmqpQueueReader(system.AmqpUri);
        var reportId = await system.PostReportAsync(SampleReports.Theft("36.71.01.1001", "Journey: motor dicuri"));

        // The station reads its queue with a plain AMQP client, as a desk written in any language would.
        var message = await Eventually.GetAsync<JsonElement?>(
            async () => (await station.DrainAsync($"dispatch.{Station}"))
                .Cast<JsonElement?>()
                .FirstOrDefault(m => m!.Value.GetProperty("reportId").GetGuid() == reportId),
            TimeSpan.FromSeconds(30), "the dispatch message in the station queue") ?? default;
        Assert.Equal(Station, message.GetProperty("polresId").GetString());
        Assert.Equal("polda-metro-jaya", message.GetProperty("poldaId").GetString());
        Assert.Equal("P3", message.GetProperty("priority").GetString());
        Assert.Equal("+6281234567890", message.GetProperty("caller").GetProperty("phone").GetString());
        Assert.True(message.GetProperty("acknowledgeBy").GetDateTimeOffset() > message.GetProperty("receivedAt").GetDateTimeOffset());

        var acknowledged = await system.Station(Station).PostAsJsonAsync($"/api/stations/{Station}/reports/{reportId}/acknowledge", new { officer = new { nrp = "87010123", name = "Bripka Andi" } });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var resolved = await system.Station(Station).PostAsJsonAsync($"/api/stations/{Station}/reports/{reportId}/resolve", new { outcome = "recovered", summary = "Motor ditemukan di gudang" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        var summary = await system.WaitForTrackingAsync(reportId, "resolved");
        Assert.Equal("Polres Metro Tangerang Kota", summary.GetProperty("polresName").GetString());
        Assert.Equal("87010123", summary.GetProperty("owner").GetString());

        var history = await system.HistoryAsync(reportId);
        Assert.Equal(
            new[] { "ReportReceived", "ReportForwarded", "ReportAcknowledged", "ReportResolved" },
            history.Select(e => e.GetProperty("type").GetString()!).ToArray());
        Assert.Equal([1L, 2L, 3L, 4L], history.Select(e => e.GetProperty("version").GetInt64()).ToArray());
        // Routing's event was caused by Intake's, in the same correlation.
        Assert.Equal(history[0].GetProperty("eventId").GetString(), history[1].GetProperty("causationId").GetString());
        Assert.Equal(history[0].GetProperty("correlationId").GetString(), history[1].GetProperty("correlationId").GetString());
        Assert.Equal(
            new[] { "operator-e2e", "routing-service", $"station:{Station}" },
            history.Take(3).Select(e => e.GetProperty("actor").GetString()!).ToArray());

        // The caller follows it too, without an account: tracking code plus the last digits of their number.
        using var caller = new HttpClient { BaseAddress = system.AddressOf("Tracking") };
        var tracked = await caller.GetFromJsonAsync<JsonElement>($"/api/track/{message.GetProperty("trackingCode").GetString()}?phoneLast4=7890");
        Assert.Equal("resolved", tracked.GetProperty("status").GetString());
        Assert.Equal("Polres Metro Tangerang Kota", tracked.GetProperty("station").GetString());

        // An auditor can prove the four services' events are as they were committed.
        var verification = await Eventually.GetAsync<JsonElement?>(async () =>
            await system.Tracking.GetFromJsonAsync<JsonElement>($"/api/audit/verify?reportId={reportId}") is var result
            && result.GetProperty("sealed").GetInt32() == result.GetProperty("events").GetInt32() ? result : null,
            TimeSpan.FromSeconds(30), "all of the report's events to be sealed") ?? default;
        Assert.True(verification.GetProperty("sealed").GetInt32() >= history.Length);
        Assert.True(verification.GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task A_report_placed_only_by_province_waits_for_triage_instead_of_being_guessed()
    {
        var reportId = await system.PostReportAsync(SampleReports.Theft("36"));

        var summary = await system.WaitForTrackingAsync(reportId, "routing-failed");

        Assert.Equal("triage", summary.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task A_report_the_station_rejects_is_rerouted_to_the_Polres_of_the_suggested_region_and_lands_in_its_queue()
    {
        await using var queues = new AmqpQueueReader(system.AmqpUri);
        var reportId = await system.PostReportAsync(SampleReports.Theft("36.03.01", "Reroute: reported in Kab. Tangerang"));
        var first = await system.WaitForTrackingAsync(reportId, "forwarded");
        Assert.Equal("polresta-tangerang", first.GetProperty("polresId").GetString());

        var rejected = await system.Station("polresta-tangerang").PostAsJsonAsync(
            $"/api/stations/polresta-tangerang/reports/{reportId}/reject", new { reason = "Lokasi di Serpong", suggestedRegion = "36.74.01" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        var rerouted = await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var summary = await system.Tracking.GetFromJsonAsync<JsonElement>($"/api/reports/{reportId}");
            return summary.GetProperty("polresId").GetString() == "polres-tangerang-selatan" ? summary : null;
        }, TimeSpan.FromSeconds(30), "the report to be re-routed") ?? default;
        Assert.Equal("polda-metro-jaya", rerouted.GetProperty("poldaId").GetString());
        await Eventually.TrueAsync(
            async () => (await queues.DrainAsync("dispatch.polres-tangerang-selatan")).Any(m => m.GetProperty("reportId").GetGuid() == reportId),
            TimeSpan.FromSeconds(30), "the report in Polres Tangerang Selatan's queue");
        var forwardings = (await system.HistoryAsync(reportId)).Where(e => e.GetProperty("type").GetString() == "ReportForwarded").ToList();
        Assert.Equal(2, forwardings.Count);
        Assert.Contains("polresta-tangerang", forwardings[1].GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Resolving_before_acknowledging_is_refused_and_appends_nothing()
    {
        var reportId = await system.PostReportAsync(SampleReports.Theft("36.71.02"));
        await system.WaitForTrackingAsync(reportId, "forwarded");

        var response = await system.Station(Station).PostAsJsonAsync($"/api/stations/{Station}/reports/{reportId}/resolve", new { outcome = "x", summary = "y" });
        var otherStation = await system.Station("polres-bantul").PostAsJsonAsync(
            $"/api/stations/polres-bantul/reports/{reportId}/acknowledge", new { officer = new { nrp = "80010001", name = "Bripda Xaverius" } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherStation.StatusCode);
        Assert.Equal(2, (await system.HistoryAsync(reportId)).Length);
    }
}
