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
        { new Polri110.ServiceDefaults.Auth.TokenIssuer("another-deployment-key-0123456789abcdef").Issue("x", Roles.Operator, null, TimeSpan.FromHours(1)), HttpStatusCode.Unauthorized },
        { new Polri110.ServiceDefaults.Auth.TokenIssuer(TestTokens.SigningKey).Issue("x", Roles.Operator, null, TimeSpan.FromMinutes(-5)), HttpStatusCode.Unauthorized },
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
