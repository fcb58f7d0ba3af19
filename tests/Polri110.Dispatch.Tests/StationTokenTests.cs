using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Polri110.Contracts;
using Polri110.Dispatch.Stations;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Dispatch.Tests;

/// <summary>
/// Station tokens at Dispatch: Dispatch's own key vouches for station tokens only, and only a token of the station's
/// current generation of credentials is accepted, from the moment an admin issues new ones.
/// </summary>
public class StationTokenTests(ServiceHost<Program> dispatch) : IClassFixture<ServiceHost<Program>>
{
    // The stations whose credentials these tests rotate; the actor test acts for one never rotated here.
    private const string RotatedPolres = "polres-bantul";
    private const string RotatedPolsek = "polsek-36-71-02";
    private const string Polres = "polres-metro-tangerang-kota";

    [Fact]
    public async Task Forged_expired_and_subjectless_tokens_get_401_and_issue_nothing()
    {
        foreach (var (kind, token) in ForgedTokens.All(Roles.Admin))
        {
            var status = await PostAsync($"/api/admin/stations/{Polres}/credentials", token);
            Assert.True(status == HttpStatusCode.Unauthorized, $"A token {kind} got {status}");
        }

        string[] stationForgeries = [ForgedTokens.SignedWithAnotherKey(Roles.Station, Polres), ForgedTokens.Expired(Roles.Station, Polres)];
        foreach (var token in stationForgeries)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync($"/api/stations/{Polres}/reports", token));
        }

        Assert.Equal(0, await GenerationOfAsync(Polres));
    }

    [Fact]
    public async Task A_token_from_Dispatch_s_station_issuer_is_good_only_as_a_token_of_one_station()
    {
        var asAdmin = TestTokens.Stations.Issue("admin-forged", Roles.Admin, null, TimeSpan.FromHours(1));
        var asAdminOfAStation = TestTokens.Stations.Issue("admin-forged", Roles.Admin, Polres, TimeSpan.FromHours(1));
        var asStationWithoutOne = TestTokens.Stations.Issue("station:none", Roles.Station, null, TimeSpan.FromHours(1));
        var asStation = TestTokens.Stations.Issue($"station:{Polres}", Roles.Station, Polres, TimeSpan.FromHours(1));

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync($"/api/admin/stations/{Polres}/credentials", asAdmin));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync($"/api/admin/stations/{Polres}/credentials", asAdminOfAStation));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync($"/api/stations/{Polres}/reports", asStationWithoutOne));
        Assert.Equal(HttpStatusCode.OK, await GetAsync($"/api/stations/{Polres}/reports", asStation));
        Assert.Equal(0, await GenerationOfAsync(Polres));
    }

    [Theory]
    [InlineData(RotatedPolres)]
    [InlineData(RotatedPolsek)]
    public async Task Given_issued_credentials_When_an_admin_issues_them_again_Then_the_old_token_is_refused_at_once_and_the_new_one_works(
        string stationId)
    {
        var list = $"/api/stations/{stationId}/reports";
        var before = await GenerationOfAsync(stationId);
        var developmentToken = TestTokens.For(Roles.Station, stationId);
        Assert.Equal(before == 0 ? HttpStatusCode.OK : HttpStatusCode.Unauthorized,
            await GetAsync(list, developmentToken));

        var first = await IssueTokenAsync(stationId);
        Assert.Equal(HttpStatusCode.OK, await GetAsync(list, first));
        var second = await IssueTokenAsync(stationId);

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(list, first));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(list, developmentToken));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(list, second));
        Assert.Equal(before + 2, await GenerationOfAsync(stationId));
    }

    [Fact]
    public async Task Issuings_at_the_same_time_each_start_a_generation_of_their_own()
    {
        var generations = dispatch.Services.GetRequiredService<StationGenerations>();

        // Each write that loses the race loses it to one that won, so of six at once none loses more than five times:
        // within the shared documents' retries (SharedDocuments), however the attempts interleave.
        var issued = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(_ => generations.NextAsync("polres-concurrent", CancellationToken.None)));

        Assert.Equal(Enumerable.Range(1, 6), issued.Order());
        Assert.Equal(6, await generations.CurrentAsync("polres-concurrent", CancellationToken.None));
    }

    [Fact]
    public async Task Given_a_desk_naming_another_officer_When_it_acts_Then_the_actor_is_the_token_s_subject_and_the_officer_is_data()
    {
        const string desk = "desk-2@polres-metro-tangerang-kota";
        var reportId = Guid.CreateVersion7();
        await dispatch.AppendAsync(reportId, TestEvents.Received(reportId), TestEvents.Forwarded(reportId));
        var station = dispatch.As(Roles.Station, Polres, subject: desk);
        var reports = $"/api/stations/{Polres}/reports/{reportId}";

        var acknowledged = await station.PostAsJsonAsync(
            $"{reports}/acknowledge", new { officer = new { nrp = "87010123", name = "Bripka Andi" } });
        var assigned = await station.PostAsJsonAsync(
            $"{reports}/assign", new { polsekId = "polsek-36-71-01", officer = new { nrp = "90010001", name = "Bripda Sari" } });
        var resolved = await station.PostAsJsonAsync($"{reports}/resolve", new { outcome = "recovered", summary = "Motor ditemukan" });

        Assert.All(new[] { acknowledged, assigned, resolved }, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var stream = await dispatch.StreamAsync(reportId);
        var acknowledgement = Assert.IsType<ReportAcknowledged>(stream[2].Data);
        Assert.Equal((desk, new Officer("87010123", "Bripka Andi")), (acknowledgement.Actor, acknowledgement.Officer));
        var assignment = Assert.IsType<ReportAssigned>(stream[3].Data);
        Assert.Equal((desk, new Officer("90010001", "Bripda Sari")), (assignment.Actor, assignment.Officer));
        Assert.Equal(desk, Assert.IsType<ReportResolved>(stream[4].Data).Actor);
        Assert.All(stream.Skip(2), e => Assert.Equal(desk, e.UserName));
    }

    private async Task<string> IssueTokenAsync(string stationId)
    {
        var response = await dispatch.As(Roles.Admin).PostAsync($"/api/admin/stations/{stationId}/credentials", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private Task<HttpStatusCode> GetAsync(string path, string token) =>
        AccessChecks.StatusAsync(dispatch.Anonymous, HttpMethod.Get, path, token);

    private Task<HttpStatusCode> PostAsync(string path, string token) =>
        AccessChecks.StatusAsync(dispatch.Anonymous, HttpMethod.Post, path, token);

    private Task<int> GenerationOfAsync(string stationId) =>
        dispatch.Services.GetRequiredService<StationGenerations>().CurrentAsync(stationId, CancellationToken.None);
}
