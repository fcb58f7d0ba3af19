using System.Net;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Intake.Tests;

public class IntakeAccessTests(IntakeHost intake) : IClassFixture<IntakeHost>
{
    public static TheoryData<string?, HttpStatusCode> Callers => new()
    {
        { null, HttpStatusCode.Unauthorized },
        { "not-a-token", HttpStatusCode.Unauthorized },
        { ForgedTokens.SignedWithAnotherKey(Roles.Operator), HttpStatusCode.Unauthorized },
        { ForgedTokens.Unsigned(Roles.Operator), HttpStatusCode.Unauthorized },
        { ForgedTokens.Hs256(Roles.Operator), HttpStatusCode.Unauthorized },
        { ForgedTokens.Expired(Roles.Operator), HttpStatusCode.Unauthorized },
        { ForgedTokens.WithoutSubject(Roles.Operator), HttpStatusCode.Unauthorized },
        { ForgedTokens.FromStationIssuer(Roles.Operator), HttpStatusCode.Unauthorized },
        // Dispatch's station tokens are good at Dispatch only.
        { TestTokens.Stations.Issue("station:x", Roles.Station, "polres-bantul", TimeSpan.FromHours(1)), HttpStatusCode.Unauthorized },
        { TestTokens.For(Roles.Station, "polres-bantul"), HttpStatusCode.Forbidden },
        { TestTokens.For(Roles.Supervisor), HttpStatusCode.Forbidden },
        { TestTokens.For(Roles.Auditor), HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Only_operators_record_reports(string? token, HttpStatusCode expected)
    {
        var before = await intake.CountEventsAsync();

        Assert.Equal(expected, await AccessChecks.StatusAsync(intake.Anonymous, HttpMethod.Post, "/api/reports", token,
            System.Text.Json.JsonSerializer.Serialize(SampleReports.Theft())));
        Assert.Equal(before, await intake.CountEventsAsync());
    }

    [Fact]
    public async Task Health_and_OpenAPI_stay_open()
    {
        Assert.Equal(HttpStatusCode.OK, await AccessChecks.StatusAsync(intake.Anonymous, HttpMethod.Get, "/health/live", null));
        Assert.Equal(HttpStatusCode.OK, await AccessChecks.StatusAsync(intake.Anonymous, HttpMethod.Get, "/openapi/v1.json", null));
    }
}
