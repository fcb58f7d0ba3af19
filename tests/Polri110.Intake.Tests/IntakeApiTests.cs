using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Intake.Tests;

/// <summary>Intake in-process against its own database and virtual host on the test servers.</summary>
public sealed class IntakeHost : ServiceHost<Program>
{
    /// <summary>
    /// The report events stored. Not Marten's tombstones: an append that is rolled back (an idempotent retry answered
    /// from its record's clash, a tracking-code clash) leaves one in its place so the sequence has no hole.
    /// </summary>
    public async Task<long> CountEventsAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone").CountAsync();
    }
}

public class IntakeApiTests(IntakeHost intake) : IClassFixture<IntakeHost>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Given_a_valid_report_When_posted_Then_201_with_tracking_code_and_ReportReceived_is_stored()
    {
        var response = await intake.As(Roles.Operator).PostAsJsonAsync("/api/reports", SampleReports.Theft());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reportId = created.GetProperty("reportId").GetGuid();
        Assert.Matches("^110-", created.GetProperty("trackingCode").GetString());
        Assert.Equal($"/api/reports/{reportId}", response.Headers.Location?.ToString());

        await using var session = intake.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(reportId);
        var received = Assert.IsType<ReportReceived>(Assert.Single(stream).Data);
        Assert.Equal("+6281234567890", received.Caller.Phone);
        Assert.Equal(Priority.P3, received.Priority);
        Assert.False(string.IsNullOrEmpty(stream[0].CorrelationId));
    }

    [Theory]
    [InlineData("{\"caller\":")]
    [InlineData("{\"caller\":{\"phone\":12}}")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{\"caller\":{\"phone\":\"+6281234567890\"},\"location\":{\"regionCode\":\"36.71\",\"latitude\":900,\"longitude\":106},\"category\":\"theft\",\"description\":\"x\"}")]
    [InlineData("{\"caller\":{\"phone\":\"<script>alert(1)</script>\"},\"location\":{\"regionCode\":\"36.71\"},\"category\":\"theft\",\"description\":\"x\"}")]
    [InlineData("{\"caller\":{\"phone\":\"+6281234567890\"},\"location\":{\"regionCode\":\"36.99.01\"},\"category\":\"theft\",\"description\":\"x\"}")]
    public async Task Given_bad_input_When_posted_Then_400_problem_details_and_nothing_is_stored(string body)
    {
        var before = await intake.CountEventsAsync();

        var response = await intake.As(Roles.Operator).PostAsync("/api/reports", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await intake.CountEventsAsync());
    }

    [Fact]
    public async Task Given_a_body_over_one_megabyte_When_posted_Then_413_and_nothing_is_stored()
    {
        var before = await intake.CountEventsAsync();

        var response = await intake.As(Roles.Operator).PostAsync("/api/reports", Json(JsonSerializer.Serialize(SampleReports.Theft(description: new string('a', 1_100_000)))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await intake.CountEventsAsync());
    }

    [Fact]
    public async Task Given_an_idempotency_key_When_the_same_report_is_posted_twice_Then_the_same_report_is_returned_and_stored_once()
    {
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(SampleReports.Theft());
        var before = await intake.CountEventsAsync();

        var first = await PostWithKeyAsync(key, body);
        var second = await PostWithKeyAsync(key, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reportId").GetGuid(),
            (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reportId").GetGuid());
        Assert.Equal(before + 1, await intake.CountEventsAsync());
    }

    [Fact]
    public async Task Given_a_used_idempotency_key_When_another_report_is_posted_with_it_Then_422_and_nothing_is_stored()
    {
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostWithKeyAsync(key, JsonSerializer.Serialize(SampleReports.Theft()))).StatusCode);
        var before = await intake.CountEventsAsync();

        var reused = await PostWithKeyAsync(key, JsonSerializer.Serialize(SampleReports.Theft(description: "Another incident")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await intake.CountEventsAsync());
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await intake.Anonymous.GetAsync("/health/live")).StatusCode);
        await Eventually.TrueAsync(
            async () => (await intake.Anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "Intake ready");
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return intake.As(Roles.Operator).SendAsync(request);
    }
}
