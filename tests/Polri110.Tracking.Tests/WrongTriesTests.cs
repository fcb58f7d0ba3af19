using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.Testing;
using Polri110.Tracking.Reports.TrackingByCode;

namespace Polri110.Tracking.Tests;

/// <summary>Tracking allowing three wrong tries per tracking code in a window, behind a proxy at 10.9.0.1.</summary>
public class CappedTracking : ServiceHost<Program>
{
    public const string Proxy = "10.9.0.1";

    public CappedTracking()
    {
    }

    public CappedTracking(TestDatabase database, string amqpUri)
        : base(database, amqpUri)
    {
    }

    protected virtual TimeSpan Window => TimeSpan.FromMinutes(15);

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["PublicLookup:WrongTriesPerCode"] = "3",
        ["PublicLookup:WrongTriesWindow"] = Window.ToString(),
        ["PublicLookup:SweepInterval"] = "00:00:01",
        ["Http:TrustedProxies"] = Proxy,
        // The per-address budget out of the way: these tests are about the per-code cap.
        ["Tracking:PublicLookupsPerMinute"] = "1000",
    };
}

/// <summary>Two Tracking instances on one database, as behind a load balancer.</summary>
public sealed class TwoCappedTrackingInstances()
    : TwoInstances<CappedTracking>(() => new(), first => new(first.Database, first.AmqpUri));

public class WrongTriesTests(TwoCappedTrackingInstances tracking) : IClassFixture<TwoCappedTrackingInstances>
{
    private static int clients;

    [Fact]
    public async Task Given_wrong_tries_from_many_addresses_and_both_instances_When_the_cap_is_reached_Then_right_digits_are_refused()
    {
        var (_, code) = await PublicTrackingTests.ForwardedReportAsync(tracking.First);

        Assert.Equal(HttpStatusCode.NotFound, (await ThroughProxy(tracking.First, code, "0001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Direct(tracking.Second, code, "0002")).StatusCode);
        // The caller's right answer neither resets the count nor is counted itself.
        Assert.Equal(HttpStatusCode.OK, (await ThroughProxy(tracking.Second, code, "7890")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Direct(tracking.First, code, "0003")).StatusCode);

        var refused = await ThroughProxy(tracking.Second, code, "7890");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Direct(tracking.First, code, "7890")).StatusCode);
    }

    [Fact]
    public async Task A_known_and_an_unknown_code_answer_alike_try_after_try()
    {
        var (_, known) = await PublicTrackingTests.ForwardedReportAsync(tracking.First);
        var unknown = PublicTrackingTests.NewTrackingCode();

        var knownAnswers = await AnswersToFourWrongTries(known);
        var unknownAnswers = await AnswersToFourWrongTries(unknown);

        Assert.Equal(["404", "404", "404", "429"], knownAnswers.Select(answer => answer.Split(' ')[0]));
        Assert.Equal(knownAnswers, unknownAnswers);
    }

    [Fact]
    public async Task Given_many_tries_at_once_on_both_instances_Then_no_more_than_the_cap_are_checked()
    {
        var code = PublicTrackingTests.NewTrackingCode();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            i % 2 == 0 ? Direct(tracking.First, code, $"{i:0000}") : ThroughProxy(tracking.Second, code, $"{i:0000}")));

        Assert.Equal(3, answers.Count(answer => answer.StatusCode == HttpStatusCode.NotFound));
        Assert.Equal(13, answers.Count(answer => answer.StatusCode == HttpStatusCode.TooManyRequests));
    }

    /// <summary>Status, title and detail of each answer, and whether it says when to come back.</summary>
    private async Task<List<string>> AnswersToFourWrongTries(string code)
    {
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var response = await (i % 2 == 0 ? Direct(tracking.First, code, "0000") : ThroughProxy(tracking.Second, code, "0000"));
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            var retryAfter = response.Headers.RetryAfter is not null;
            answers.Add($"{(int)response.StatusCode} {problem.GetProperty("title")} {problem.GetProperty("detail")} {retryAfter}");
        }

        return answers;
    }

    /// <summary>A lookup from a client address no other lookup used, straight to the instance.</summary>
    internal static Task<HttpResponseMessage> Direct(CappedTracking instance, string code, string digits) =>
        instance.AnonymousFrom($"198.51.100.{Interlocked.Increment(ref clients) % 250}")
            .GetAsync($"/api/track/{code}?phoneLast4={digits}");

    /// <summary>A lookup from a client address no other lookup used, forwarded by the trusted proxy.</summary>
    internal static Task<HttpResponseMessage> ThroughProxy(CappedTracking instance, string code, string digits)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/track/{code}?phoneLast4={digits}");
        request.Headers.Add("X-Forwarded-For", $"192.0.2.{Interlocked.Increment(ref clients) % 250}");
        return instance.AnonymousFrom(CappedTracking.Proxy).SendAsync(request);
    }
}

/// <summary>Tracking whose window of wrong tries lasts three seconds.</summary>
public sealed class ShortWindowTracking : CappedTracking
{
    protected override TimeSpan Window => TimeSpan.FromSeconds(3);
}

public class WrongTriesWindowTests(ShortWindowTracking tracking) : IClassFixture<ShortWindowTracking>
{
    [Fact]
    public async Task Given_the_cap_reached_When_the_window_passes_Then_the_right_digits_are_answered_again()
    {
        var (_, code) = await PublicTrackingTests.ForwardedReportAsync(tracking);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await WrongTriesTests.Direct(tracking, code, "0000")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await WrongTriesTests.Direct(tracking, code, "7890")).StatusCode);

        await Eventually.TrueAsync(
            async () => (await WrongTriesTests.Direct(tracking, code, "7890")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the window of wrong tries to pass");
    }
}

public class WrongTriesRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly WrongTriesPolicy Policy = new() { WrongTriesPerCode = 2, WrongTriesWindow = TimeSpan.FromMinutes(15) };

    [Fact]
    public void Given_no_tries_When_one_is_made_Then_a_window_starts_with_it_counted()
    {
        var (next, claim) = WrongTries.Claim(null, "id", Now, Policy);

        Assert.Equal(new WrongTries("id", Now.AddMinutes(15), 1), next);
        Assert.Equal(new TryClaim(Now.AddMinutes(15), null), claim);
    }

    [Fact]
    public void Given_the_cap_reached_When_another_try_comes_Then_it_is_refused_until_the_window_ends_and_not_counted()
    {
        var (next, claim) = WrongTries.Claim(new WrongTries("id", Now.AddMinutes(10), 2), "id", Now, Policy);

        Assert.Null(next);
        Assert.Equal(new TryClaim(null, TimeSpan.FromMinutes(10)), claim);
    }

    [Fact]
    public void Given_the_cap_reached_When_the_window_has_passed_Then_a_new_window_starts()
    {
        var (next, claim) = WrongTries.Claim(new WrongTries("id", Now, 2), "id", Now, Policy);

        Assert.Equal(new WrongTries("id", Now.AddMinutes(15), 1), next);
        Assert.Null(claim.RefusedFor);
    }

    [Fact]
    public void A_right_answer_takes_back_only_its_own_count_and_only_in_its_own_window()
    {
        Assert.Equal(new WrongTries("id", Now, 1), WrongTries.Refund(new WrongTries("id", Now, 2), Now).Next);
        Assert.Null(WrongTries.Refund(new WrongTries("id", Now.AddMinutes(15), 1), Now).Next);
        Assert.Null(WrongTries.Refund(null, Now).Next);
    }
}
