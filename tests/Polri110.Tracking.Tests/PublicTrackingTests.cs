using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Tracking.Tests;

/// <summary>The caller's own lookup: open to anyone, answers only with the right code and phone digits, shows no personal data.</summary>
public class PublicTrackingTests(ServiceHost<Program> tracking) : IClassFixture<ServiceHost<Program>>
{
    [Fact]
    public async Task Given_a_forwarded_report_When_its_caller_looks_it_up_Then_status_and_station_are_shown_without_personal_data()
    {
        var (_, code) = await ForwardedReportAsync(tracking);

        var response = await tracking.Anonymous.GetAsync($"/api/track/{code.ToLowerInvariant()}?phoneLast4=7890");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;

        Assert.Equal(code, body.GetProperty("trackingCode").GetString());
        Assert.Equal("forwarded", body.GetProperty("status").GetString());
        Assert.Equal("Polres Metro Tangerang Kota", body.GetProperty("station").GetString());
        Assert.DoesNotContain("Budi", text);
        Assert.DoesNotContain("628123", text);
        Assert.DoesNotContain("Daan Mogot", text);
        Assert.DoesNotContain("publicCheck", text);
    }

    [Fact]
    public async Task A_wrong_phone_number_and_an_unknown_code_get_the_same_404_problem()
    {
        var (_, code) = await ForwardedReportAsync(tracking);

        var wrongPhone = await tracking.Anonymous.GetAsync($"/api/track/{code}?phoneLast4=7891");
        var unknownCode = await tracking.Anonymous.GetAsync($"/api/track/{NewTrackingCode()}?phoneLast4=7890");

        Assert.Equal(HttpStatusCode.NotFound, wrongPhone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownCode.StatusCode);
        Assert.Equal("application/problem+json", wrongPhone.Content.Headers.ContentType?.MediaType);
        var wrongPhoneDetail = (await wrongPhone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        var unknownCodeDetail = (await unknownCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Equal(unknownCodeDetail, wrongPhoneDetail);
    }

    [Theory]
    [InlineData("/api/track/110-2345-6789")]
    [InlineData("/api/track/110-2345-6789?phoneLast4=")]
    [InlineData("/api/track/110-2345-6789?phoneLast4=12a4")]
    [InlineData("/api/track/110-2345-6789?phoneLast4=12345")]
    [InlineData("/api/track/110-0000-1111?phoneLast4=1234")]
    [InlineData("/api/track/%27%20OR%201%3D1?phoneLast4=1234")]
    public async Task Malformed_lookups_are_400_problems(string path)
    {
        var response = await tracking.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_authenticated_report_view_does_not_carry_the_lookup_check()
    {
        var (reportId, _) = await ForwardedReportAsync(tracking);

        var text = await Eventually.GetAsync(
            async () => await tracking.As(Roles.Supervisor).GetAsync($"/api/reports/{reportId}") is { IsSuccessStatusCode: true } found
                ? await found.Content.ReadAsStringAsync()
                : null,
            TimeSpan.FromSeconds(30), "the projection to show the report");

        Assert.Contains("trackingCode", text);
        Assert.DoesNotContain("publicCheck", text);
    }

    /// <summary>A forwarded report the read model already shows (waited for through the authenticated view, so the
    /// public lookup's per-address budget is spent only on the lookups under test).</summary>
    internal static async Task<(Guid ReportId, string Code)> ForwardedReportAsync(ServiceHost<Program> tracking)
    {
        var reportId = Guid.CreateVersion7();
        var code = NewTrackingCode();
        await tracking.AppendAsync(reportId, TestEvents.Received(reportId) with { TrackingCode = code }, TestEvents.Forwarded(reportId));
        await Eventually.TrueAsync(
            async () => await tracking.As(Roles.Supervisor).GetAsync($"/api/reports/{reportId}") is { IsSuccessStatusCode: true } found
                        && (await found.Content.ReadAsStringAsync()).Contains("\"forwarded\""),
            TimeSpan.FromSeconds(30), "the projection to show the forwarded report");
        return (reportId, code);
    }

    internal static string NewTrackingCode()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
        var chars = Enumerable.Range(0, 8).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return $"110-{new string(chars[..4])}-{new string(chars[4..])}";
    }
}

/// <summary>Tracking with a budget of three public lookups a minute per client address, behind proxies in 10.9.0.0/16.</summary>
public sealed class TightlyLimitedTracking : ServiceHost<Program>
{
    public const string Proxy = "10.9.0.1";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Tracking:PublicLookupsPerMinute"] = "3",
        ["Http:TrustedProxies"] = "10.9.0.0/16",
    };
}

public class PublicTrackingLimitTests(TightlyLimitedTracking tracking) : IClassFixture<TightlyLimitedTracking>
{
    [Fact]
    public async Task Lookups_beyond_the_budget_get_a_429_problem_with_a_retry_time()
    {
        var path = $"/api/track/{PublicTrackingTests.NewTrackingCode()}?phoneLast4=1234";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await tracking.Anonymous.GetAsync(path)).StatusCode);
        }

        var refused = await tracking.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task Given_a_peer_that_is_no_trusted_proxy_When_it_sends_X_Forwarded_For_Then_its_own_address_is_limited()
    {
        var untrusted = tracking.AnonymousFrom("203.0.113.50");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await LookUpAsForwardedFor(untrusted, $"198.51.100.{i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LookUpAsForwardedFor(untrusted, "198.51.100.99")).StatusCode);
    }

    [Fact]
    public async Task Given_a_trusted_proxy_When_it_forwards_many_clients_Then_each_client_has_its_own_budget()
    {
        var proxy = tracking.AnonymousFrom(TightlyLimitedTracking.Proxy);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await LookUpAsForwardedFor(proxy, $"192.0.2.{i}")).StatusCode);
        }

        // The client's address, not the proxy's, is what the budget counts: the same client's fourth lookup is refused.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await LookUpAsForwardedFor(proxy, "192.0.2.0")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LookUpAsForwardedFor(proxy, "192.0.2.0")).StatusCode);
    }

    /// <summary>A lookup of a fresh unknown code (the per-code limit out of the way), claiming to be forwarded for a client.</summary>
    private static Task<HttpResponseMessage> LookUpAsForwardedFor(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/track/{PublicTrackingTests.NewTrackingCode()}?phoneLast4=1234");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }
}

public class PublicTrackingBudgetOwnerTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Addresses_of_one_IPv6_subscriber_network_share_one_budget(string address, string owner) =>
        Assert.Equal(owner, Polri110.Tracking.Reports.TrackingByCode.PublicTrackingLimits.ClientOf(System.Net.IPAddress.Parse(address)));
}
