using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Tracking.Tests;

/// <summary>Tracking in-process: its projection follows the event store; history is read from the store itself.</summary>
public class TrackingTests(ServiceHost<Program> tracking) : IClassFixture<ServiceHost<Program>>
{
    [Fact]
    public async Task Given_a_resolved_report_When_read_Then_status_owner_units_and_times_are_shown()
    {
        var reportId = Guid.CreateVersion7();
        var officer = new Officer("87010123", "Bripka Andi");
        await tracking.AppendAsync(reportId, TestEvents.Received(reportId), TestEvents.Forwarded(reportId));
        await tracking.AppendAsync(
            reportId,
            new ReportAcknowledged(reportId, "polres-metro-tangerang-kota", officer, officer.Nrp, DateTimeOffset.UtcNow),
            new ReportResolved(reportId, "polres-metro-tangerang-kota", "recovered", "Motor ditemukan", "station", DateTimeOffset.UtcNow));

        var summary = await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var response = await tracking.As(Roles.Auditor).GetAsync($"/api/reports/{reportId}");
            var body = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            return response.IsSuccessStatusCode && body.GetProperty("status").GetString() == "resolved" ? body : null;
        }, TimeSpan.FromSeconds(30), "the projection to reach the resolution") ?? default;

        Assert.Equal("87010123", summary.GetProperty("owner").GetString());
        Assert.Equal("polda-metro-jaya", summary.GetProperty("poldaId").GetString());
        Assert.Equal("Polres Metro Tangerang Kota", summary.GetProperty("polresName").GetString());
        Assert.Equal(4, summary.GetProperty("version").GetInt64());
        Assert.Equal("recovered", summary.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Given_a_report_When_its_history_is_read_Then_every_event_is_listed_in_order_with_its_metadata()
    {
        var reportId = Guid.CreateVersion7();
        await using (var session = tracking.Store.LightweightSession())
        {
            session.CorrelationId = "call-42";
            session.LastModifiedBy = "operator-1";
            session.Events.Append(reportId, TestEvents.Received(reportId));
            await session.SaveChangesAsync();
        }

        await tracking.AppendAsync(reportId, TestEvents.Forwarded(reportId));

        var history = (await tracking.As(Roles.Auditor).GetFromJsonAsync<JsonElement[]>($"/api/reports/{reportId}/history"))!;

        Assert.Equal(new[] { "ReportReceived", "ReportForwarded" }, history.Select(e => e.GetProperty("type").GetString()!).ToArray());
        Assert.Equal(new[] { 1L, 2L }, history.Select(e => e.GetProperty("version").GetInt64()).ToArray());
        Assert.Equal("call-42", history[0].GetProperty("correlationId").GetString());
        Assert.Equal("operator-1", history[0].GetProperty("actor").GetString());
        Assert.Equal("+6281234567890", history[0].GetProperty("data").GetProperty("caller").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task An_unknown_report_is_a_404_problem()
    {
        var summary = await tracking.As(Roles.Auditor).GetAsync($"/api/reports/{Guid.NewGuid()}");
        var history = await tracking.As(Roles.Auditor).GetAsync($"/api/reports/{Guid.NewGuid()}/history");

        Assert.Equal(HttpStatusCode.NotFound, summary.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        Assert.Equal("application/problem+json", history.Content.Headers.ContentType?.MediaType);
    }
}
