using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests.BadInput;

/// <summary>
/// Bad input at every public endpoint of the running services (real Kestrel): each answer is a 4xx problem
/// details, never a 5xx, and nothing is written to the event store.
/// </summary>
[Collection(SystemCollection.Name)]
public class BadInputTests(Polri110System system)
{
    private const string Station = "polres-metro-tangerang-kota";
    private static readonly string Oversized = JsonSerializer.Serialize(new { description = new string('a', 1_100_000) });

    /// <summary>Bodies that are not a usable JSON object at all, sent to every endpoint that takes a body.</summary>
    private static readonly string[] Unreadable =
    [
        "{", "{\"caller\":", "not json", "", "[]", "123", "null", "\"text\"", "{\"a\":1}}", Oversized,
        "{\"officer\":{\"nrp\":12345678,\"name\":true}}", "{\"caller\":\"x\",\"location\":[1,2]}",
    ];

    private static readonly string[] InjectionStrings =
    [
        "'; DROP TABLE polri110.mt_events; --", "<script>alert(1)</script>", "1 OR 1=1", "${jndi:ldap://x}", "\u0000\u0007", "‮moc.evil", "../../etc/passwd",
    ];

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        var forwarded = "{forwarded}";
        var endpoints = new (string Service, string Path, string Role)[]
        {
            ("Intake", "/api/reports", Roles.Operator),
            ("Intake", $"/api/reports/{forwarded}/prank", Roles.Operator),
            ("Intake", $"/api/reports/{forwarded}/reopen", Roles.Operator),
            ("Tracking", $"/api/reports/{forwarded}/close", Roles.Supervisor),
            ("Dispatch", $"/api/stations/{Station}/reports/{forwarded}/acknowledge", Roles.Station),
            ("Dispatch", $"/api/stations/{Station}/reports/{forwarded}/resolve", Roles.Station),
            ("Dispatch", $"/api/stations/{Station}/reports/{forwarded}/reject", Roles.Station),
            ("Dispatch", $"/api/stations/{Station}/reports/{forwarded}/assign", Roles.Station),
            ("Dispatch", $"/api/stations/{Station}/reports/{forwarded}/prank", Roles.Station),
            ("Routing", $"/api/triage/{forwarded}/route", Roles.Supervisor),
        };
        foreach (var (service, path, role) in endpoints)
        {
            foreach (var body in Unreadable)
            {
                data.Add(service, path, role, body);
            }

            data.Add(service, path, role, "{}");
        }

        foreach (var injection in InjectionStrings)
        {
            var text = JsonSerializer.Serialize(injection);
            data.Add("Intake", "/api/reports", Roles.Operator, Report(phone: text));
            data.Add("Intake", "/api/reports", Roles.Operator, Report(region: text));
            data.Add("Intake", "/api/reports", Roles.Operator, Report(category: text));
            data.Add("Intake", "/api/reports", Roles.Operator, Report(name: text));
            data.Add("Dispatch", $"/api/stations/{Station}/reports/{forwarded}/acknowledge", Roles.Station, "{\"officer\":{\"nrp\":" + text + ",\"name\":\"Bripka Andi\"}}");
            data.Add("Dispatch", $"/api/stations/{Station}/reports/{forwarded}/acknowledge", Roles.Station, "{\"officer\":{\"nrp\":\"87010123\",\"name\":" + text + "}}");
            data.Add("Dispatch", $"/api/stations/{Station}/reports/{forwarded}/assign", Roles.Station, $$"""{"polsekId":{{text}}}""");
            data.Add("Dispatch", $"/api/stations/{Station}/reports/{forwarded}/reject", Roles.Station, $$"""{"reason":"x","suggestedRegion":{{text}}}""");
            data.Add("Routing", $"/api/triage/{forwarded}/route", Roles.Supervisor, $$"""{"regionCode":{{text}},"reason":"x"}""");
            data.Add("Intake", "/api/reports", Roles.Operator, "{\"callType\":" + text + ",\"caller\":{\"phone\":\"0812-3456-7890\"}}");
            data.Add("Intake", $"/api/reports/{forwarded}/prank", Roles.Supervisor, $$"""{"kind":{{text}}}""");
        }

        // Calls that are not incidents: the number is all they need, and it must be a number.
        data.Add("Intake", "/api/reports", Roles.Operator, """{"callType":"emergency","caller":{"phone":"0812-3456-7890"}}""");
        data.Add("Intake", "/api/reports", Roles.Operator, """{"callType":5,"caller":{"phone":"0812-3456-7890"}}""");
        data.Add("Intake", "/api/reports", Roles.Operator, """{"callType":"silent"}""");
        data.Add("Intake", "/api/reports", Roles.Operator, """{"callType":"silent","caller":{"phone":"12"}}""");
        data.Add("Intake", "/api/reports", Roles.Operator, """{"callType":"prank","caller":{"phone":"0812-3456-7890"},"category":"jaywalking"}""");
        data.Add("Intake", "/api/reports", Roles.Operator, """{"caller":{"phone":"0812-3456-7890"},"category":"theft"}""");
        data.Add("Intake", "/api/reports", Roles.Operator, Report(phone: "\"0812-3456-789O\""));
        data.Add("Intake", "/api/reports", Roles.Operator, Report(phone: "\"+62 812\""));
        data.Add("Intake", $"/api/reports/{forwarded}/prank", Roles.Operator, """{"kind":"joke"}""");
        data.Add("Intake", $"/api/reports/{forwarded}/prank", Roles.Operator, """{"kind":""}""");
        data.Add("Intake", $"/api/reports/{forwarded}/prank", Roles.Station, """{"kind":"prank"}""");
        data.Add("Intake", $"/api/reports/{forwarded}/prank", Roles.Auditor, """{"kind":"prank"}""");
        data.Add("Intake", "/api/reports/00000000-0000-0000-0000-000000000000/prank", Roles.Operator, """{"kind":"prank"}""");
        data.Add("Intake", $"/api/reports/{Guid.NewGuid()}/prank", Roles.Operator, """{"kind":"prank"}""");

        // The lifecycle after the fact: only what the report's state allows, and only what exists.
        data.Add("Intake", $"/api/reports/{forwarded}/reopen", Roles.Operator, """{"reason":"Belum selesai"}""");
        data.Add("Intake", $"/api/reports/{forwarded}/reopen", Roles.Station, """{"reason":"Belum selesai"}""");
        data.Add("Intake", $"/api/reports/{Guid.NewGuid()}/reopen", Roles.Operator, """{"reason":"Belum selesai"}""");
        data.Add("Tracking", $"/api/reports/{forwarded}/close", Roles.Supervisor, """{"reason":"Sudah lama"}""");
        data.Add("Tracking", $"/api/reports/{forwarded}/close", Roles.Operator, """{"reason":"Sudah lama"}""");
        data.Add("Tracking", $"/api/reports/{Guid.NewGuid()}/close", Roles.Supervisor, """{"reason":"Sudah lama"}""");
        data.Add("Intake", $"/api/reports/{forwarded}/duplicate-of/{forwarded}", Roles.Operator, "{}");
        data.Add("Intake", $"/api/reports/{forwarded}/duplicate-of/{Guid.NewGuid()}", Roles.Operator, "{}");
        data.Add("Intake", $"/api/reports/{Guid.NewGuid()}/duplicate-of/{forwarded}", Roles.Supervisor, "{}");
        data.Add("Intake", $"/api/reports/{forwarded}/duplicate-of/not-a-guid", Roles.Operator, "{}");
        data.Add("Intake", $"/api/reports/{forwarded}/duplicate-of/{Guid.NewGuid()}", Roles.Auditor, "{}");
        data.Add("Dispatch", $"/api/stations/{Station}/reports/00000000-0000-0000-0000-000000000000/acknowledge", Roles.Station,
            """{"officer":{"nrp":"87010123","name":"Bripka Andi"}}""");

        data.Add("Intake", "/api/reports", Roles.Operator, Report(latitude: "1e308"));
        data.Add("Intake", "/api/reports", Roles.Operator, Report(latitude: "-91", longitude: "200"));
        data.Add("Intake", "/api/reports", Roles.Operator, Report(latitude: "\"north\""));
        data.Add("Intake", "/api/reports", Roles.Operator, Report(region: "\"36.99.99.9999\""));
        data.Add("Intake", "/api/reports", Roles.Operator, Report(region: "\"00\""));
        data.Add("Intake", "/api/reports", Roles.Operator, Report(description: "\"a\\u0000b\""));
        data.Add("Intake", "/api/reports", Roles.Operator, Report(description: "\"\""));
        data.Add("Intake", "/api/reports", Roles.Operator, Report(phone: "\"+６２８１２３４５６７８\"")); // full-width digits
        data.Add("Dispatch", $"/api/stations/{Station}/reports/{forwarded}/prank", Roles.Station, """{"kind":"joke"}""");
        data.Add("Dispatch", $"/api/stations/{Station}/reports/{forwarded}/resolve", Roles.Station, """{"outcome":"x","summary":"a\u0000b"}""");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_4xx_problem_and_stores_nothing(string service, string path, string role, string body)
    {
        var reportId = await ForwardedReportAsync();
        var before = await EventCountAsync();

        var response = await SendAsync(service, path.Replace("{forwarded}", reportId.ToString()), TestTokens.For(role, role == Roles.Station ? Station : null), body);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await EventCountAsync());
    }

    [Theory]
    [InlineData("Routing", "/api/jurisdictions/resolve?region=%27%3B%20DROP%20TABLE%20x", HttpStatusCode.BadRequest)]
    [InlineData("Routing", "/api/jurisdictions/resolve?region=%3Cscript%3E", HttpStatusCode.BadRequest)]
    [InlineData("Routing", "/api/jurisdictions/resolve?region=36.99.99", HttpStatusCode.NotFound)]
    [InlineData("Routing", "/api/regions?q=%00%00", HttpStatusCode.BadRequest)]
    [InlineData("Tracking", "/api/track/%3Cscript%3E?phoneLast4=7890", HttpStatusCode.BadRequest)]
    [InlineData("Tracking", "/api/track/110-2345-6789?phoneLast4=%27%3B--", HttpStatusCode.BadRequest)]
    [InlineData("Tracking", "/api/track/110-2345-6789", HttpStatusCode.BadRequest)]
    [InlineData("Tracking", "/api/track/110-2345-6789?phoneLast4=7890", HttpStatusCode.NotFound)]
    [InlineData("Tracking", "/api/reports/not-a-guid", HttpStatusCode.NotFound)]
    [InlineData("Intake", "/api/callers/not-a-phone/history", HttpStatusCode.BadRequest)]
    [InlineData("Intake", "/api/callers/%3Cscript%3E/history", HttpStatusCode.BadRequest)]
    [InlineData("Intake", "/api/callers/%27%3B%20DROP%20TABLE%20x/history", HttpStatusCode.BadRequest)]
    [InlineData("Intake", "/api/callers/0812/history", HttpStatusCode.BadRequest)]
    [InlineData("Tracking", "/api/audit/personal-data-reads?callerPhone=abc", HttpStatusCode.BadRequest)]
    [InlineData("Tracking", "/api/audit/personal-data-reads", HttpStatusCode.BadRequest)]
    [InlineData("Intake", "/api/reports/00000000-0000-0000-0000-000000000000/possible-duplicates", HttpStatusCode.Forbidden)]
    [InlineData("Tracking", "/api/reports/00000000-0000-0000-0000-000000000000/history", HttpStatusCode.NotFound)]
    public async Task Bad_queries_and_paths_get_a_4xx_problem(string service, string path, HttpStatusCode expected)
    {
        using var client = new HttpClient { BaseAddress = system.AddressOf(service) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(Roles.Auditor));

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Expired_foreign_unsigned_symmetric_and_subjectless_tokens_are_401_problems_on_every_service()
    {
        var forged = ForgedTokens.All(Roles.Auditor).Append(("garbage", "Bearer-garbage")).ToList();
        foreach (var (service, path) in new[] { ("Intake", "/api/reports"), ("Routing", "/api/triage"), ("Dispatch", $"/api/stations/{Station}/reports"), ("Tracking", "/api/reports/00000000-0000-0000-0000-000000000000") })
        {
            foreach (var (kind, token) in forged)
            {
                var response = await SendAsync(service, path, token, body: service == "Intake" ? "{}" : null);
                Assert.True(
                    response.StatusCode == HttpStatusCode.Unauthorized, $"{service} answered {response.StatusCode} to a token {kind}");
            }
        }
    }

    [Fact]
    public async Task Flagging_a_report_that_is_flagged_already_is_a_409_problem_and_stores_nothing()
    {
        var reportId = await system.PostReportAsync(SampleReports.Theft("36.71.02", "Bad input suite: flagged twice"));
        await system.WaitForTrackingAsync(reportId, "forwarded");
        var first = await SendAsync("Intake", $"/api/reports/{reportId}/prank", TestTokens.For(Roles.Operator), """{"kind":"prank"}""");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = await EventCountAsync();

        var second = await SendAsync("Intake", $"/api/reports/{reportId}/prank", TestTokens.For(Roles.Supervisor), """{"kind":"abusive"}""");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await EventCountAsync());
    }

    private static string Report(string? phone = null, string? region = null, string? category = null, string? name = null,
        string? latitude = null, string? longitude = null, string? description = null) =>
        $$"""
        {"caller":{"phone":{{phone ?? "\"+6281234567890\""}},"name":{{name ?? "\"Budi\""}}},
         "location":{"regionCode":{{region ?? "\"36.71.01.1001\""}},"latitude":{{latitude ?? "-6.17"}},"longitude":{{longitude ?? "106.63"}}},
         "category":{{category ?? "\"theft\""}},"description":{{description ?? "\"Motor dicuri\""}}}
        """;

    private Guid? forwardedReport;

    private async Task<Guid> ForwardedReportAsync()
    {
        if (forwardedReport is null)
        {
            forwardedReport = await system.PostReportAsync(SampleReports.Theft("36.71.02", "Bad input suite: the report the bad requests aim at"));
            await system.WaitForTrackingAsync(forwardedReport.Value, "forwarded");
        }

        return forwardedReport.Value;
    }

    private async Task<HttpResponseMessage> SendAsync(string service, string path, string token, string? body)
    {
        using var client = new HttpClient { BaseAddress = system.AddressOf(service) };
        var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");

            // The services answer 413 to a body declared over the limit without reading it, and Kestrel then closes
            // the connection: a client still writing gets a broken pipe instead of the answer (5 times in 300 here).
            // Asking for 100-continue first, as an HTTP client should before a large upload, lets the 413 arrive.
            request.Headers.ExpectContinue = Encoding.UTF8.GetByteCount(body) > Polri110ServiceDefaults.MaxRequestBodyBytes;
        }

        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        return await client.SendAsync(request);
    }

    private async Task<long> EventCountAsync()
    {
        await using var connection = new NpgsqlConnection(system.Database.AsAuditor);
        await connection.OpenAsync();
        return (long)(await new NpgsqlCommand("SELECT count(*) FROM polri110.mt_events", connection).ExecuteScalarAsync())!;
    }
}
