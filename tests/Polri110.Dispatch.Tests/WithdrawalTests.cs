using System.Net.Http.Json;
using System.Text.Json;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Dispatch.Tests;

/// <summary>A report flagged as a prank after it reached its station is withdrawn there, on the queue and in the list.</summary>
public class WithdrawalTests(ServiceHost<Program> dispatch) : IClassFixture<ServiceHost<Program>>
{
    private const string Station = "polres-metro-tangerang-kota";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Given_a_dispatched_report_When_an_operator_flags_it_and_the_flag_is_delivered_twice_Then_the_station_gets_one_plain_json_withdrawal()
    {
        await using var station = new AmqpQueueReader(dispatch.AmqpUri);
        var reportId = Guid.CreateVersion7();
        var forwarded = TestEvents.Forwarded(reportId);
        var ids = await dispatch.AppendAsync(reportId, TestEvents.Received(reportId), forwarded);
        await dispatch.PublishAsync(forwarded, ids[1]);
        var dispatched = await Eventually.GetAsync<JsonElement?>(
            async () => (await station.DrainAsync($"dispatch.{Station}")).Cast<JsonElement?>().FirstOrDefault(m => m!.Value.GetProperty("reportId").GetGuid() == reportId),
            Patience, "the report in its station's queue") ?? default;
        Assert.Equal("report.dispatched", dispatched.GetProperty("type").GetString());
        await Eventually.TrueAsync(async () => (await OpenReportsAsync()).Contains(reportId), Patience, "the report in the station's open list");

        var flag = new ReportFlaggedAsPrank(reportId, PrankKind.Silent, "Tidak ada suara", "operator-7", DateTimeOffset.UtcNow);
        var flagId = (await dispatch.AppendAsync(reportId, flag)).Single();
        await dispatch.PublishAsync(flag, flagId);
        await dispatch.PublishAsync(flag, flagId);
        await Eventually.TrueAsync(() => Task.FromResult(dispatch.Consumed.Finished(flagId) == 2), Patience, "both deliveries of the flag to be handled");

        var withdrawal = Assert.Single(await station.DrainAsync($"dispatch.{Station}"), m => m.GetProperty("reportId").GetGuid() == reportId);
        Assert.Equal("report.withdrawn", withdrawal.GetProperty("type").GetString());
        Assert.Equal(flagId.ToString(), withdrawal.GetProperty("messageId").GetString());
        Assert.Equal("silent", withdrawal.GetProperty("reason").GetString());
        Assert.Equal("Tidak ada suara", withdrawal.GetProperty("note").GetString());
        Assert.Equal("operator-7", withdrawal.GetProperty("withdrawnBy").GetString());
        Assert.Equal(dispatched.GetProperty("trackingCode").GetString(), withdrawal.GetProperty("trackingCode").GetString());
        Assert.False(withdrawal.TryGetProperty("caller", out _));
        await Eventually.TrueAsync(async () => !(await OpenReportsAsync()).Contains(reportId), Patience, "the report to leave the station's open list");
    }

    [Fact]
    public async Task Given_a_report_in_triage_When_it_is_flagged_Then_no_station_is_told()
    {
        await using var station = new AmqpQueueReader(dispatch.AmqpUri);
        var reportId = Guid.CreateVersion7();
        var flag = new ReportFlaggedAsPrank(reportId, PrankKind.Prank, null, "operator-7", DateTimeOffset.UtcNow);
        var ids = await dispatch.AppendAsync(
            reportId, TestEvents.Received(reportId), new ReportRoutingFailed(reportId, null, "No region", "map", "routing-service", DateTimeOffset.UtcNow), flag);

        await dispatch.PublishAsync(flag, ids[2]);
        await Eventually.TrueAsync(() => Task.FromResult(dispatch.Consumed.Finished(ids[2]) == 1), Patience, "the flag to be handled");

        Assert.DoesNotContain(await station.DrainAsync($"dispatch.{Station}"), m => m.GetProperty("reportId").GetGuid() == reportId);
    }

    [Fact]
    public async Task Given_a_report_flagged_by_an_operator_When_its_station_flags_it_too_Then_409_and_nothing_appended()
    {
        var reportId = Guid.CreateVersion7();
        await dispatch.AppendAsync(reportId, TestEvents.Received(reportId), TestEvents.Forwarded(reportId),
            new ReportFlaggedAsPrank(reportId, PrankKind.Prank, null, "operator-7", DateTimeOffset.UtcNow));

        var response = await dispatch.As(Roles.Station, Station).PostAsJsonAsync($"/api/stations/{Station}/reports/{reportId}/prank", new { kind = "Prank" });

        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(3, (await dispatch.StreamAsync(reportId)).Count);
    }

    private async Task<Guid[]> OpenReportsAsync() =>
        (await dispatch.As(Roles.Station, Station).GetFromJsonAsync<JsonElement[]>($"/api/stations/{Station}/reports?status=open"))!
        .Select(report => report.GetProperty("id").GetGuid()).ToArray();
}
