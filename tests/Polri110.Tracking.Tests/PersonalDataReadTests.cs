using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Tracking.Tests;

/// <summary>Reading a caller's personal data is itself recorded, and auditors can see who read it.</summary>
public class PersonalDataReadTests(ServiceHost<Program> tracking) : IClassFixture<ServiceHost<Program>>
{
    [Fact]
    public async Task Given_a_report_When_its_history_is_read_Then_each_reading_is_recorded_with_who_and_in_which_role()
    {
        var reportId = Guid.CreateVersion7();
        await tracking.AppendAsync(reportId, TestEvents.Received(reportId), TestEvents.Forwarded(reportId));

        Assert.Equal(HttpStatusCode.OK, (await tracking.As(Roles.Supervisor, subject: "supervisor-7").GetAsync($"/api/reports/{reportId}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tracking.As(Roles.Auditor, subject: "inspektorat-3").GetAsync($"/api/reports/{reportId}/history")).StatusCode);
        var reads = (await tracking.As(Roles.Auditor).GetFromJsonAsync<JsonElement[]>($"/api/audit/personal-data-reads?reportId={reportId}"))!;

        Assert.Equal(new[] { "supervisor-7", "inspektorat-3" }, reads.Select(read => read.GetProperty("actor").GetString()!).ToArray());
        Assert.Equal(new[] { Roles.Supervisor, Roles.Auditor }, reads.Select(read => read.GetProperty("role").GetString()!).ToArray());
        Assert.All(reads, read => Assert.Equal("GET /api/reports/{id}/history", read.GetProperty("endpoint").GetString()));
    }

    [Fact]
    public async Task Reading_a_report_that_does_not_exist_records_nothing()
    {
        var reportId = Guid.CreateVersion7();

        Assert.Equal(HttpStatusCode.NotFound, (await tracking.As(Roles.Auditor).GetAsync($"/api/reports/{reportId}/history")).StatusCode);
        var reads = (await tracking.As(Roles.Auditor).GetFromJsonAsync<JsonElement[]>($"/api/audit/personal-data-reads?reportId={reportId}"))!;

        Assert.Empty(reads);
    }
}
