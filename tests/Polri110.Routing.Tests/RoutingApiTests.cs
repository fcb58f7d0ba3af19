using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Polri110.Contracts;
using Polri110.Routing.Reports.Triage;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Routing.Tests;

/// <summary>Routing's HTTP API and its reaction to rejections, in-process against the real servers.</summary>
public class RoutingApiTests(ServiceHost<Program> routing) : IClassFixture<ServiceHost<Program>>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Resolving_a_village_names_every_level_and_the_units_that_answer_for_it()
    {
        var resolved = await routing.As(Roles.Operator).GetFromJsonAsync<JsonElement>("/api/jurisdictions/resolve?region=36.71.01.1001");

        Assert.Equal(
            new[] { "Banten", "Kota Tangerang", "Tangerang" },
            resolved.GetProperty("regions").EnumerateArray().Take(3).Select(r => r.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("village", resolved.GetProperty("regions")[3].GetProperty("level").GetString());
        Assert.Equal("polda-metro-jaya", resolved.GetProperty("polda").GetProperty("id").GetString());
        Assert.Equal("polres-metro-tangerang-kota", resolved.GetProperty("polres").GetProperty("id").GetString());
        Assert.Equal("polsek-36-71-01", resolved.GetProperty("polsek").GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(resolved.GetProperty("mapVersion").GetString()));
    }

    [Theory]
    [InlineData("36.71.1", HttpStatusCode.BadRequest)]
    [InlineData("abc", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("36.99", HttpStatusCode.NotFound)]
    [InlineData("99.01.01.2001", HttpStatusCode.NotFound)]
    public async Task Malformed_and_unknown_codes_are_problems(string code, HttpStatusCode status)
    {
        var response = await routing.As(Roles.Operator).GetAsync($"/api/jurisdictions/resolve?region={Uri.EscapeDataString(code)}");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Region_search_serves_the_autocomplete()
    {
        var found = await routing.As(Roles.Operator).GetFromJsonAsync<JsonElement[]>("/api/regions?q=tangerang&limit=10");
        var tooShort = await routing.As(Roles.Operator).GetAsync("/api/regions?q=t");

        Assert.Contains(found!, match => match.GetProperty("code").GetString() == "36.03");
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
    }

    [Fact]
    public async Task Given_a_station_rejects_a_report_When_Routing_hears_of_it_Then_it_forwards_it_to_the_suggested_region_Polres()
    {
        var reportId = Guid.CreateVersion7();
        var received = TestEvents.Received(reportId, "36.03.01");
        var forwarded = new ReportForwarded(reportId, "36.03.01", "polresta-tangerang", "Polresta Tangerang", "polda-banten", "Polda Banten", "v", "routing-service", DateTimeOffset.UtcNow);
        var rejected = new ReportRejected(reportId, "polresta-tangerang", "Bukan wilayah kami", "36.74.01", "station", DateTimeOffset.UtcNow);
        var eventIds = await routing.AppendAsync(reportId, received, forwarded, rejected);

        await routing.PublishAsync(rejected, eventIds[2]);
        await routing.PublishAsync(rejected, eventIds[2]);
        await Eventually.TrueAsync(() => Task.FromResult(routing.Consumed.Finished(eventIds[2]) == 2), Patience, "both deliveries to be handled");

        var rerouted = Assert.IsType<ReportForwarded>((await routing.StreamAsync(reportId)).Single(e => e.Version == 4).Data);
        Assert.Equal("polres-tangerang-selatan", rerouted.PolresId);
        Assert.Equal(4, (await routing.StreamAsync(reportId)).Count);
    }

    [Fact]
    public async Task Given_a_report_nobody_could_route_When_a_supervisor_routes_it_from_triage_Then_it_leaves_the_list_forwarded_as_decided()
    {
        var reportId = Guid.CreateVersion7();
        var received = TestEvents.Received(reportId, "36");
        await routing.PublishAsync(received, (await routing.AppendAsync(reportId, received)).Single());

        var entry = await Eventually.GetAsync<JsonElement?>(async () =>
                (await routing.As(Roles.Supervisor).GetFromJsonAsync<JsonElement[]>("/api/triage"))!.Cast<JsonElement?>()
                .FirstOrDefault(e => e!.Value.GetProperty("id").GetGuid() == reportId),
            Patience, "the report on the triage list") ?? default;
        Assert.Contains("province", entry.GetProperty("reason").GetString());

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/triage/{reportId}/route")
        {
            Content = JsonContent.Create(new { regionCode = "36.03.01", reason = "Caller confirmed Balaraja" }),
        };
        var routed = await routing.As(Roles.Supervisor, subject: "supervisor-7").SendAsync(request);
        var again = await routing.As(Roles.Supervisor).PostAsJsonAsync($"/api/triage/{reportId}/route", new { regionCode = "36.03.01", reason = "again" });
        var missingReason = await routing.As(Roles.Supervisor).PostAsJsonAsync($"/api/triage/{reportId}/route", new { regionCode = "36.03.01" });

        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        var stream = await routing.StreamAsync(reportId);
        var forwarded = Assert.IsType<ReportForwarded>(stream[^1].Data);
        Assert.Equal(("polresta-tangerang", "supervisor-7"), (forwarded.PolresId, stream[^1].UserName));
        Assert.Contains("Caller confirmed Balaraja", forwarded.Reason);
        await Eventually.TrueAsync(
            async () => !(await routing.As(Roles.Supervisor).GetFromJsonAsync<JsonElement[]>("/api/triage"))!.Any(e => e.GetProperty("id").GetGuid() == reportId),
            Patience, "the report to leave the triage list");
    }

    [Fact]
    public async Task Given_a_report_routed_at_once_and_one_failing_after_its_receipt_was_projected_Then_only_the_failing_one_has_a_triage_entry_with_the_receipt_details()
    {
        var routedId = Guid.CreateVersion7();
        await routing.AppendAsync(routedId, TestEvents.Received(routedId, "36.03.01"), TestEvents.Forwarded(routedId, "polresta-tangerang"));
        var failingId = Guid.CreateVersion7();
        var received = TestEvents.Received(failingId, "36.03.01", Priority.P1);
        await routing.AppendAsync(failingId, received);
        var receivedAt = (await routing.StreamAsync(failingId)).Single().Sequence;
        // The daemon passes the receipt alone first, so the failure reaches the triage projection in a later batch.
        await Eventually.TrueAsync(
            async () => (await routing.Store.Advanced.AllProjectionProgress()).Any(s => s.ShardName.StartsWith(nameof(TriageEntry)) && s.Sequence >= receivedAt),
            Patience, "the triage projection to pass the receipt");

        await routing.AppendAsync(failingId, new ReportRoutingFailed(failingId, "36.03.01", "No Polres answers for 36.03.01", "v", "routing-service", DateTimeOffset.UtcNow));

        var entry = await Eventually.GetAsync<JsonElement?>(async () =>
                (await routing.As(Roles.Supervisor).GetFromJsonAsync<JsonElement[]>("/api/triage"))!.Cast<JsonElement?>()
                .FirstOrDefault(e => e!.Value.GetProperty("id").GetGuid() == failingId),
            Patience, "the failing report on the triage list") ?? default;
        Assert.Equal(received.TrackingCode, entry.GetProperty("trackingCode").GetString());
        Assert.Equal(received.Category, entry.GetProperty("category").GetString());
        Assert.Equal(received.OccurredAt, entry.GetProperty("receivedAt").GetDateTimeOffset());
        await using var session = routing.Store.QuerySession();
        Assert.Null(await session.LoadAsync<TriageEntry>(routedId));
    }
}
