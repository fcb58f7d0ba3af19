using System.Net;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Dispatch.Tests;

public class DispatchAccessTests(ServiceHost<Program> dispatch) : IClassFixture<ServiceHost<Program>>
{
    private const string Path = "/api/stations/polres-metro-tangerang-kota/reports/0195a8a0-0000-7000-8000-000000000001/acknowledge";

    [Theory]
    [InlineData(null, null, HttpStatusCode.Unauthorized)]
    [InlineData(Roles.Operator, null, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Supervisor, null, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Station, "polres-bantul", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Station, "polres-metro-tangerang-kota", HttpStatusCode.NotFound)]
    public async Task A_station_acts_only_on_its_own_reports(string? role, string? station, HttpStatusCode expected) =>
        Assert.Equal(expected, await AccessChecks.StatusAsync(
            dispatch.Anonymous, HttpMethod.Post, Path, role is null ? null : TestTokens.For(role, station),
            """{"officer":{"nrp":"80010001","name":"Bripda X"}}"""));
}
