using System.Net;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Routing.Tests;

public class RoutingAccessTests(ServiceHost<Program> routing) : IClassFixture<ServiceHost<Program>>
{
    [Theory]
    [InlineData("GET", "/api/jurisdictions/resolve?region=36.71", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/regions?q=tangerang", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/jurisdictions/resolve?region=36.71", Roles.Station, HttpStatusCode.OK)]
    [InlineData("GET", "/api/triage", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/triage", Roles.Operator, HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/triage", Roles.Station, HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/triage/0195a8a0-0000-7000-8000-000000000001/route", Roles.Auditor, HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/triage", Roles.Supervisor, HttpStatusCode.OK)]
    public async Task Each_endpoint_admits_only_its_roles(string method, string path, string? role, HttpStatusCode expected) =>
        Assert.Equal(expected, await AccessChecks.StatusAsync(
            routing.Anonymous, new HttpMethod(method), path, role is null ? null : TestTokens.For(role, role == Roles.Station ? "polres-bantul" : null)));
}
