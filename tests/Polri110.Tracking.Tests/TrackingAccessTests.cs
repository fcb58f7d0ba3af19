using System.Net;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Tracking.Tests;

public class TrackingAccessTests(ServiceHost<Program> tracking) : IClassFixture<ServiceHost<Program>>
{
    private const string Report = "/api/reports/0195a8a0-0000-7000-8000-000000000001";

    [Theory]
    [InlineData(Report, null, HttpStatusCode.Unauthorized)]
    [InlineData(Report, Roles.Station, HttpStatusCode.Forbidden)]
    [InlineData(Report, Roles.Admin, HttpStatusCode.Forbidden)]
    [InlineData(Report, Roles.Operator, HttpStatusCode.NotFound)]
    [InlineData(Report + "/history", null, HttpStatusCode.Unauthorized)]
    [InlineData(Report + "/history", Roles.Operator, HttpStatusCode.Forbidden)]
    [InlineData(Report + "/history", Roles.Auditor, HttpStatusCode.NotFound)]
    [InlineData(Report + "/state?at=2026-11-28T06:00:00Z", Roles.Supervisor, HttpStatusCode.Forbidden)]
    [InlineData(Report + "/state?at=2026-11-28T06:00:00Z", Roles.Auditor, HttpStatusCode.NotFound)]
    [InlineData("/api/reports", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/reports", Roles.Operator, HttpStatusCode.Forbidden)]
    [InlineData("/api/reports", Roles.Station, HttpStatusCode.Forbidden)]
    [InlineData("/api/reports", Roles.Auditor, HttpStatusCode.OK)]
    [InlineData("/api/audit/verify?reportId=0195a8a0-0000-7000-8000-000000000001", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/audit/verify?reportId=0195a8a0-0000-7000-8000-000000000001", Roles.Supervisor, HttpStatusCode.Forbidden)]
    [InlineData("/api/audit/verify?reportId=0195a8a0-0000-7000-8000-000000000001", Roles.Auditor, HttpStatusCode.NotFound)]
    [InlineData("/api/audit/verify", Roles.Auditor, HttpStatusCode.BadRequest)]
    [InlineData("/api/audit/personal-data-reads?reportId=0195a8a0-0000-7000-8000-000000000001", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/audit/personal-data-reads?reportId=0195a8a0-0000-7000-8000-000000000001", Roles.Operator, HttpStatusCode.Forbidden)]
    [InlineData("/api/audit/personal-data-reads?reportId=0195a8a0-0000-7000-8000-000000000001", Roles.Supervisor, HttpStatusCode.Forbidden)]
    [InlineData("/api/audit/personal-data-reads", Roles.Auditor, HttpStatusCode.BadRequest)]
    [InlineData("/api/audit/personal-data-reads?reportId=not-a-guid", Roles.Auditor, HttpStatusCode.BadRequest)]
    [InlineData("/api/track/110-2345-6789?phoneLast4=1234", null, HttpStatusCode.NotFound)] // public: no token needed
    public async Task Each_endpoint_admits_only_its_roles(string path, string? role, HttpStatusCode expected) =>
        Assert.Equal(expected, await AccessChecks.StatusAsync(
            tracking.Anonymous, HttpMethod.Get, path, role is null ? null : TestTokens.For(role, role == Roles.Station ? "polres-bantul" : null)));
}
