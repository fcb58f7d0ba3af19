using System.Net.Http.Json;
using System.Text.Json;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;
using Polri110.Tracking.Reports;
using Polri110.Tracking.Stations;

namespace Polri110.Tracking.Tests;

public class PerformanceTests(ServiceHost<Program> tracking) : IClassFixture<ServiceHost<Program>>
{
    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        Assert.Equal(3, StationPerformance.Percentile([5, 1, 3, 2, 4], 0.5));
        Assert.Equal(5, StationPerformance.Percentile([5, 1, 3, 2, 4], 0.9));
        Assert.Null(StationPerformance.Percentile([], 0.5));
    }

    [Fact]
    public async Task A_station_performance_shows_SLA_share_times_and_who_owned_each_escalated_report()
    {
        const string station = "polres-bantul";
        var onTime = Guid.CreateVersion7();
        var late = Guid.CreateVersion7();
        var officer = new Officer("87010123", "Bripka Andi");
        var received = TestEvents.Received(onTime) with { OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-30) };
        await tracking.AppendAsync(onTime, received, TestEvents.Forwarded(onTime, station),
            new ReportAcknowledged(onTime, station, officer, officer.Nrp, received.OccurredAt.AddMinutes(1), received.OccurredAt.AddMinutes(2)),
            new ReportResolved(onTime, station, "done", "ok", "desk", received.OccurredAt.AddMinutes(20)));
        var lateReceived = TestEvents.Received(late) with { ReportId = late, OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-30) };
        await tracking.AppendAsync(late, lateReceived, TestEvents.Forwarded(late, station),
            new ReportEscalated(late, station, 1, "Kapolres of Polres Bantul", "acknowledge", lateReceived.OccurredAt.AddMinutes(2), station, "dispatch-service",
                lateReceived.OccurredAt.AddMinutes(2)),
            new ReportAcknowledged(late, station, officer, officer.Nrp, lateReceived.OccurredAt.AddMinutes(5), lateReceived.OccurredAt.AddMinutes(2)));

        var performance = await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var figures = await tracking.As(Roles.Supervisor).GetFromJsonAsync<JsonElement>($"/api/stations/{station}/performance");
            return figures.GetProperty("acknowledged").GetInt32() == 2 && figures.GetProperty("resolved").GetInt32() == 1 ? figures : null;
        }, TimeSpan.FromSeconds(30), "the projection to reach both reports") ?? default;

        Assert.Equal(0.5, performance.GetProperty("shareAcknowledgedWithinSla").GetDouble());
        Assert.Equal(1, performance.GetProperty("openReports").GetInt32());
        Assert.Equal(60, performance.GetProperty("medianSecondsToAcknowledge").GetDouble(), precision: 0);
        Assert.Equal(300, performance.GetProperty("p90SecondsToAcknowledge").GetDouble(), precision: 0);
        var escalation = Assert.Single(performance.GetProperty("escalations").EnumerateArray());
        Assert.Equal((late, station), (escalation.GetProperty("reportId").GetGuid(), escalation.GetProperty("ownerAtEscalation").GetString()));
        var summary = await tracking.As(Roles.Operator).GetFromJsonAsync<JsonElement>($"/api/reports/{late}");
        Assert.Equal(officer.Nrp, summary.GetProperty("owner").GetString());
    }
}
