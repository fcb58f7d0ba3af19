using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Tracking.Tests;

/// <summary>The auditors' view of a report at a past moment, and the supervisors' filtered list.</summary>
public class ReportQueryTests(ServiceHost<Program> tracking) : IClassFixture<ServiceHost<Program>>
{
    [Fact]
    public async Task Given_a_report_acknowledged_later_When_read_as_it_stood_after_forwarding_Then_it_shows_forwarded()
    {
        var reportId = Guid.CreateVersion7();
        await tracking.AppendAsync(reportId, TestEvents.Received(reportId), TestEvents.Forwarded(reportId));
        await tracking.AppendAsync(reportId, new ReportAcknowledged(reportId, "polres-metro-tangerang-kota", new Officer("87010123", "Bripka Andi"), "87010123", DateTimeOffset.UtcNow));
        var history = (await tracking.As(Roles.Auditor).GetFromJsonAsync<JsonElement[]>($"/api/reports/{reportId}/history"))!;
        var forwardedAt = history[1].GetProperty("timestamp").GetDateTimeOffset();
        var receivedAt = history[0].GetProperty("timestamp").GetDateTimeOffset();

        var then = await tracking.As(Roles.Auditor).GetFromJsonAsync<JsonElement>(StatePath(reportId, forwardedAt));
        var now = await tracking.As(Roles.Auditor).GetFromJsonAsync<JsonElement>(StatePath(reportId, DateTimeOffset.UtcNow.AddMinutes(1)));
        var before = await tracking.As(Roles.Auditor).GetAsync(StatePath(reportId, receivedAt.AddTicks(-10)));

        Assert.Equal("forwarded", then.GetProperty("status").GetString());
        Assert.Equal("polres-metro-tangerang-kota", then.GetProperty("owner").GetString());
        Assert.Equal("acknowledged", now.GetProperty("status").GetString());
        Assert.Equal("87010123", now.GetProperty("owner").GetString());
        Assert.False(now.TryGetProperty("publicCheck", out _));
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
    }

    [Fact]
    public async Task Given_reports_of_one_station_When_listed_by_station_and_status_Then_they_come_newest_first_a_page_at_a_time()
    {
        var polres = $"polres-list-{Guid.NewGuid():N}"[..24];
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var reportId = Guid.CreateVersion7();
            await tracking.AppendAsync(reportId, TestEvents.Received(reportId) with { OccurredAt = DateTimeOffset.UtcNow.AddMinutes(i - 10) }, TestEvents.Forwarded(reportId, polres));
            ids.Add(reportId);
        }

        var all = await Eventually.GetAsync(async () =>
        {
            var page = await tracking.As(Roles.Supervisor).GetFromJsonAsync<JsonElement>($"/api/reports?polres={polres}&status=forwarded");
            return page.GetProperty("total").GetInt64() == 3 ? (JsonElement?)page : null;
        }, TimeSpan.FromSeconds(30), "the projection to list the three reports");
        var firstPage = await tracking.As(Roles.Auditor).GetFromJsonAsync<JsonElement>($"/api/reports?polres={polres}&pageSize=2&page=1");
        var noneResolved = await tracking.As(Roles.Supervisor).GetFromJsonAsync<JsonElement>($"/api/reports?polres={polres}&status=resolved");

        Assert.Equal(ids.AsEnumerable().Reverse(), all!.Value.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()));
        Assert.Equal(2, firstPage.GetProperty("items").GetArrayLength());
        Assert.Equal(3, firstPage.GetProperty("total").GetInt64());
        Assert.Equal(0, noneResolved.GetProperty("total").GetInt64());
        Assert.All(all.Value.GetProperty("items").EnumerateArray(), item => Assert.False(item.TryGetProperty("publicCheck", out _)));
    }

    [Theory]
    [InlineData("/api/reports/0195a8a0-0000-7000-8000-000000000001/state")]
    [InlineData("/api/reports/0195a8a0-0000-7000-8000-000000000001/state?at=yesterday")]
    [InlineData("/api/reports/0195a8a0-0000-7000-8000-000000000001/state?at=2026-13-45T99:00:00Z")]
    [InlineData("/api/reports?status=lost")]
    [InlineData("/api/reports?pageSize=0")]
    [InlineData("/api/reports?pageSize=1000")]
    [InlineData("/api/reports?page=0")]
    [InlineData("/api/reports?page=2147483647")]
    [InlineData("/api/reports?page=abc")]
    [InlineData("/api/reports?from=2026-11-28T00:00:00Z&to=2026-11-27T00:00:00Z")]
    [InlineData("/api/reports?from=not-a-date")]
    public async Task A_missing_or_malformed_moment_or_list_filter_is_a_400_problem(string path)
    {
        var response = await tracking.As(Roles.Auditor).GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static string StatePath(Guid reportId, DateTimeOffset at) => $"/api/reports/{reportId}/state?at={Uri.EscapeDataString(at.ToString("O"))}";
}
