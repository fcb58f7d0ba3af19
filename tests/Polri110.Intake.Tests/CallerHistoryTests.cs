using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Polri110.Intake.Reports.LinkingDuplicates;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.Privacy;
using Polri110.Testing;

namespace Polri110.Intake.Tests;

/// <summary>The caller's history and flagging after the fact, through Intake's API against the real servers.</summary>
public class CallerHistoryTests(IntakeHost intake) : IClassFixture<IntakeHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A mobile number no other test uses, as its national digits (813…).</summary>
    private static string NewNumber() => "813" + Random.Shared.NextInt64(10_000_000, 99_999_999);

    private async Task<Guid> PostAsync(object body)
    {
        var response = await intake.As(Roles.Operator).PostAsJsonAsync("/api/reports", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reportId").GetGuid();
    }

    private async Task<JsonElement> HistoryAsync(string phone, int calls, string role = Roles.Operator) =>
        await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var history = await intake.As(role).GetFromJsonAsync<JsonElement>($"/api/callers/{Uri.EscapeDataString(phone)}/history");
            return history.GetProperty("reports").GetArrayLength() == calls ? history : null;
        }, Patience, $"{calls} calls in the caller's history") ?? default;

    [Fact]
    public async Task Given_calls_from_one_number_in_three_spellings_When_its_history_is_read_in_a_fourth_Then_they_are_one_caller_newest_first()
    {
        var number = NewNumber();
        var silent = await PostAsync(SampleReports.Call("silent", $"0{number[..3]}-{number[3..7]}-{number[7..]}"));
        var prank = await PostAsync(new { callType = "prank", caller = new { phone = $"62{number}" }, description = "Penelepon tertawa lalu menutup" });
        var incident = await PostAsync(SampleReports.Theft(phone: $"+62 {number[..3]} {number[3..7]} {number[7..]}", name: "Budi"));

        var history = await HistoryAsync($"0{number}", calls: 3);

        Assert.Equal($"+62{number}", history.GetProperty("phone").GetString());
        var reports = history.GetProperty("reports").EnumerateArray().ToArray();
        Assert.Equal([incident, prank, silent], reports.Select(r => r.GetProperty("reportId").GetGuid()).ToArray());
        Assert.Equal(["incident", "prank", "silent"], reports.Select(r => r.GetProperty("callType").GetString()!).ToArray());
        Assert.Equal("theft", reports[0].GetProperty("category").GetString());
        Assert.All(reports, r => Assert.Matches("^110-", r.GetProperty("trackingCode").GetString()));
        var counts = history.GetProperty("counts");
        Assert.Equal(3, counts.GetProperty("total").GetInt32());
        Assert.Equal(1, counts.GetProperty("incident").GetInt32());
        Assert.Equal(1, counts.GetProperty("prank").GetInt32());
        Assert.Equal(1, counts.GetProperty("silent").GetInt32());
        Assert.False(history.GetProperty("repeatPrankCaller").GetBoolean());
        Assert.DoesNotContain("Budi", history.GetRawText());
    }

    [Fact]
    public async Task Given_an_incident_When_an_operator_flags_it_as_abusive_Then_it_counts_as_abusive_and_a_second_flag_is_refused()
    {
        var number = NewNumber();
        var reportId = await PostAsync(SampleReports.Theft(phone: $"0{number}", name: null));

        var flagged = await intake.As(Roles.Supervisor).PostAsJsonAsync($"/api/reports/{reportId}/prank", new { kind = "abusive", note = "Memaki operator" });
        var again = await intake.As(Roles.Operator).PostAsJsonAsync($"/api/reports/{reportId}/prank", new { kind = "prank" });

        Assert.Equal(HttpStatusCode.OK, flagged.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        var stream = await intake.StreamAsync(reportId);
        Assert.Equal(2, stream.Count);
        var flag = Assert.IsType<Polri110.Contracts.ReportFlaggedAsPrank>(stream[1].Data);
        Assert.Equal(Polri110.Contracts.PrankKind.Abusive, flag.Kind);
        Assert.Equal("Memaki operator", flag.Note);
        var history = await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var read = await intake.As(Roles.Operator).GetFromJsonAsync<JsonElement>($"/api/callers/0{number}/history");
            return read.GetProperty("counts").GetProperty("abusive").GetInt32() == 1 ? read : null;
        }, Patience, "the flag to count in the caller's history") ?? default;
        var entry = history.GetProperty("reports")[0];
        Assert.Equal("abusive", entry.GetProperty("callType").GetString());
        Assert.Equal("abusive", entry.GetProperty("flaggedAs").GetString());
        Assert.Equal("flagged-as-prank", entry.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Given_three_prank_or_abusive_calls_When_the_history_is_read_Then_the_caller_is_a_repeat_prank_caller()
    {
        var number = NewNumber();
        await PostAsync(SampleReports.Call("prank", $"0{number}"));
        await PostAsync(SampleReports.Call("abusive", $"0{number}"));
        Assert.False((await HistoryAsync($"0{number}", calls: 2)).GetProperty("repeatPrankCaller").GetBoolean());

        await PostAsync(SampleReports.Call("prank", $"0{number}"));

        var history = await HistoryAsync($"0{number}", calls: 3);
        Assert.True(history.GetProperty("repeatPrankCaller").GetBoolean());
        Assert.Equal(3, history.GetProperty("recentPrankOrAbusive").GetInt32());
    }

    [Fact]
    public async Task Given_a_caller_When_an_auditor_reads_the_history_Then_the_reading_is_recorded_under_the_callers_key_without_the_number()
    {
        var number = NewNumber();
        await PostAsync(SampleReports.Call("misdial", $"0{number}"));

        await HistoryAsync($"+62{number}", calls: 1, role: Roles.Auditor);

        var key = intake.Services.GetRequiredService<CallerKey>().Of($"+62{number}");
        await using var session = intake.Store.QuerySession();
        // One per reading, and the test read until the call showed.
        var reads = await session.Query<PersonalDataRead>().Where(read => read.CallerKey == key).ToListAsync();
        Assert.NotEmpty(reads);
        Assert.All(reads, read =>
        {
            Assert.Equal(Roles.Auditor, read.Role);
            Assert.Equal("GET /api/callers/{phone}/history", read.Endpoint);
            Assert.Null(read.ReportId);
            Assert.DoesNotContain(number, JsonSerializer.Serialize(read));
        });
    }

    [Fact]
    public async Task Given_an_unknown_number_When_its_history_is_read_Then_it_is_empty()
    {
        var history = await intake.As(Roles.Operator).GetFromJsonAsync<JsonElement>($"/api/callers/0{NewNumber()}/history");

        Assert.Equal(0, history.GetProperty("reports").GetArrayLength());
        Assert.Equal(0, history.GetProperty("counts").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("not-a-phone")]
    [InlineData("0812")]
    [InlineData("%2B")]
    public async Task Given_a_phone_that_is_not_a_phone_When_its_history_is_asked_for_Then_400_and_no_reading_is_recorded(string phone)
    {
        var before = await CountReadsAsync();

        var response = await intake.As(Roles.Operator).GetAsync($"/api/callers/{phone}/history");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountReadsAsync());
    }

    [Theory]
    [InlineData("{\"kind\":\"joke\"}")]
    [InlineData("{}")]
    [InlineData("{\"kind\":\"prank\",\"note\":\"a\\u0000b\"}")]
    [InlineData("not json")]
    public async Task Given_bad_input_When_flagging_Then_400_problem_details_and_nothing_appended(string body)
    {
        var reportId = await PostAsync(SampleReports.Theft());

        var response = await intake.As(Roles.Operator).PostAsync(
            $"/api/reports/{reportId}/prank", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Single(await intake.StreamAsync(reportId));
    }

    [Theory]
    [InlineData("6b9e3a57-9d4e-4a51-8f0a-0c3f5f1f2a11")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Given_no_such_report_When_flagged_Then_404_and_no_stream_is_started(string id)
    {
        var reportId = Guid.Parse(id);

        var response = await intake.As(Roles.Operator).PostAsJsonAsync($"/api/reports/{reportId}/prank", new { kind = "prank" });

        Assert.True(HttpStatusCode.NotFound == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Empty(await intake.StreamAsync(reportId));
    }

    [Fact]
    public async Task Given_two_calls_from_one_number_about_one_place_When_possible_duplicates_are_asked_for_Then_the_other_is_offered_for_both_reasons()
    {
        var number = NewNumber();
        var first = await PostAsync(SampleReports.Theft("36.71.01.1001", phone: $"0{number}"));
        var second = await PostAsync(SampleReports.Theft("36.71.01.1003", phone: $"+62{number}"));

        var offered = await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var candidates = await intake.As(Roles.Operator).GetFromJsonAsync<JsonElement[]>($"/api/reports/{second}/possible-duplicates");
            // The place and the caller are two queries of the call index, which Intake's daemon fills meanwhile: the first
            // call can show for one reason before it shows for both.
            return candidates!.Cast<JsonElement?>().FirstOrDefault(c =>
                c!.Value.GetProperty("reportId").GetGuid() == first && c.Value.GetProperty("reasons").GetArrayLength() == 2);
        }, Patience, "the first call among the possible duplicates for both reasons") ?? default;

        Assert.Equal(["same-place-and-category", "same-caller"], offered.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await intake.As(Roles.Operator).GetAsync($"/api/reports/{Guid.NewGuid()}/possible-duplicates")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await intake.As(Roles.Auditor).GetAsync($"/api/reports/{second}/possible-duplicates")).StatusCode);
    }

    [Fact]
    public async Task Given_a_hundred_thefts_in_the_district_between_two_calls_When_possible_duplicates_are_asked_for_Then_the_nearest_are_offered()
    {
        var number = NewNumber();
        var first = await PostAsync(SampleReports.Theft("36.71.01.1001", phone: $"0{number}"));
        var others = new List<Guid>();
        for (var batch = 0; batch < 10; batch++)
        {
            others.AddRange(await Task.WhenAll(
                Enumerable.Range(0, 10).Select(_ => PostAsync(SampleReports.Theft("36.71.01.1002", phone: $"0{NewNumber()}")))));
        }

        var second = await PostAsync(SampleReports.Theft("36.71.01.1003", phone: $"+62{number}"));

        var offered = await Eventually.GetAsync(async () =>
        {
            var candidates = await intake.As(Roles.Operator).GetFromJsonAsync<JsonElement[]>($"/api/reports/{second}/possible-duplicates");
            return candidates!.Any(c => c.GetProperty("reportId").GetGuid() == others[^1]) ? candidates : null;
        }, Patience, "the theft just before among the possible duplicates");

        // The place's window holds more than a hundred thefts (these and other tests'): the nearest are offered for the
        // place, and the first call, a hundred thefts earlier, still for its caller.
        string[] ReasonsOf(Guid id) => offered!.Single(c => c.GetProperty("reportId").GetGuid() == id)
            .GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToArray();
        Assert.Equal([PossibleDuplicates.SamePlace], ReasonsOf(others[^1]));
        Assert.Equal([PossibleDuplicates.SameCaller], ReasonsOf(first));
        Assert.True(offered!.Length <= 101, $"{offered.Length} offered: at most 50 calls either side for the place, and the caller's");
    }

    private async Task<int> CountReadsAsync()
    {
        await using var session = intake.Store.QuerySession();
        return await session.Query<PersonalDataRead>().CountAsync();
    }
}
