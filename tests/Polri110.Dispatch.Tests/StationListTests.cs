using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Polri110.Contracts;
using Polri110.Dispatch.Reports.ListingStationReports;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Dispatch.Tests;

public class StationListTests(ServiceHost<Program> dispatch) : IClassFixture<ServiceHost<Program>>
{
    private const string Station = "polres-metro-tangerang-kota";

    [Fact]
    public async Task A_station_lists_its_open_reports_assigns_one_to_its_Polsek_and_flags_a_prank_off_the_list()
    {
        var desk = dispatch.As(Roles.Station, Station);
        var kept = Guid.CreateVersion7();
        var prank = Guid.CreateVersion7();
        var officer = new Officer("87010123", "Bripka Andi");
        await dispatch.AppendAsync(kept, TestEvents.Received(kept), TestEvents.Forwarded(kept),
            new ReportAcknowledged(kept, Station, officer, officer.Nrp, DateTimeOffset.UtcNow));
        await dispatch.AppendAsync(prank, TestEvents.Received(prank), TestEvents.Forwarded(prank));

        await Eventually.TrueAsync(async () => (await OpenAsync(desk)).Count(id => id == kept || id == prank) == 2, TimeSpan.FromSeconds(30), "both reports listed");

        var assigned = await desk.PostAsJsonAsync($"/api/stations/{Station}/reports/{kept}/assign",
            new { polsekId = "polsek-36-71-01", officer = new { nrp = "90010001", name = "Brigpol Sari" } });
        var wrongPolsek = await desk.PostAsJsonAsync($"/api/stations/{Station}/reports/{kept}/assign", new { polsekId = "polsek-34-02-01" });
        var flagged = await desk.PostAsJsonAsync($"/api/stations/{Station}/reports/{prank}/prank", new { kind = "silent", note = "Tidak ada suara" });
        var badKind = await desk.PostAsJsonAsync($"/api/stations/{Station}/reports/{prank}/prank", new { kind = "joke" });

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongPolsek.StatusCode);
        Assert.Equal(HttpStatusCode.OK, flagged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        await Eventually.TrueAsync(async () => !(await OpenAsync(desk)).Contains(prank), TimeSpan.FromSeconds(30), "the prank to leave the open list");
        var listed = (await desk.GetFromJsonAsync<JsonElement[]>($"/api/stations/{Station}/reports"))!.Single(r => r.GetProperty("id").GetGuid() == kept);
        Assert.Equal("90010001", listed.GetProperty("owner").GetString());
        Assert.True(listed.GetProperty("acknowledgeBy").GetDateTimeOffset() > listed.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Equal(4, (await dispatch.StreamAsync(kept)).Count);
    }

    [Fact]
    public async Task Given_a_report_forwarded_after_its_receipt_was_projected_When_the_station_lists_it_Then_it_shows_what_the_receipt_said()
    {
        var desk = dispatch.As(Roles.Station, Station);
        var reportId = Guid.CreateVersion7();
        var received = TestEvents.Received(reportId, priority: Priority.P1);
        await dispatch.AppendAsync(reportId, received);
        var receivedAt = (await dispatch.StreamAsync(reportId)).Single().Sequence;
        // The daemon passes the receipt alone first (and stores nothing for it), so the forwarding comes in a later batch.
        await Eventually.TrueAsync(
            async () => (await dispatch.Store.Advanced.AllProjectionProgress()).Any(s => s.ShardName.StartsWith(nameof(StationReport)) && s.Sequence >= receivedAt),
            TimeSpan.FromSeconds(30), "the station list's projection to pass the receipt");
        await using (var session = dispatch.Store.QuerySession())
        {
            Assert.Null(await session.LoadAsync<StationReport>(reportId));
        }

        await dispatch.AppendAsync(reportId, TestEvents.Forwarded(reportId));

        await Eventually.TrueAsync(async () => (await OpenAsync(desk)).Contains(reportId), TimeSpan.FromSeconds(30), "the report listed");
        var listed = (await desk.GetFromJsonAsync<JsonElement[]>($"/api/stations/{Station}/reports"))!.Single(r => r.GetProperty("id").GetGuid() == reportId);
        Assert.Equal(received.TrackingCode, listed.GetProperty("trackingCode").GetString());
        Assert.Equal("P1", listed.GetProperty("priority").GetString());
        Assert.Equal(received.OccurredAt, listed.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.True(listed.GetProperty("acknowledgeBy").GetDateTimeOffset() > received.OccurredAt);
    }

    private static async Task<Guid[]> OpenAsync(HttpClient desk) =>
        (await desk.GetFromJsonAsync<JsonElement[]>($"/api/stations/{Station}/reports?status=open"))!.Select(r => r.GetProperty("id").GetGuid()).ToArray();
}
