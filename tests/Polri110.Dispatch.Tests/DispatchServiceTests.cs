using System.Net;
using System.Net.Http.Json;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Dispatch.Tests;

/// <summary>Dispatch in-process with its real bus, store and station queues.</summary>
public class DispatchServiceTests(ServiceHost<Program> dispatch) : IClassFixture<ServiceHost<Program>>
{
    private const string Station = "polres-metro-tangerang-kota";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Given_a_forwarded_report_When_the_forwarding_is_delivered_twice_Then_the_station_queue_gets_one_plain_json_message()
    {
        await using var station = new AmqpQueueReader(dispatch.AmqpUri);
        var reportId = Guid.CreateVersion7();
        var forwarded = TestEvents.Forwarded(reportId);
        var eventIds = await dispatch.AppendAsync(reportId, TestEvents.Received(reportId, priority: Priority.P1), forwarded);

        await dispatch.PublishAsync(forwarded, eventIds[1]);
        await dispatch.PublishAsync(forwarded, eventIds[1]);
        await Eventually.TrueAsync(() => Task.FromResult(dispatch.Consumed.Finished(eventIds[1]) == 2), Patience, "both deliveries to be handled");

        var message = Assert.Single(await station.DrainAsync($"dispatch.{Station}"), m => m.GetProperty("reportId").GetGuid() == reportId);
        Assert.Equal(eventIds[1].ToString(), message.GetProperty("messageId").GetString());
        Assert.Equal("P1", message.GetProperty("priority").GetString());
        Assert.Equal("Budi Santoso", message.GetProperty("caller").GetProperty("name").GetString());
        var receivedAt = message.GetProperty("receivedAt").GetDateTimeOffset();
        Assert.Equal(receivedAt.AddMinutes(2), message.GetProperty("acknowledgeBy").GetDateTimeOffset());
    }

    [Fact]
    public async Task Given_a_forwarded_report_When_the_station_acknowledges_then_resolves_Then_both_are_recorded_with_their_actors()
    {
        var reportId = Guid.CreateVersion7();
        await dispatch.AppendAsync(reportId, TestEvents.Received(reportId), TestEvents.Forwarded(reportId));

        var tooEarly = await dispatch.As(Roles.Station, Station).PostAsJsonAsync($"/api/stations/{Station}/reports/{reportId}/resolve", new { outcome = "x", summary = "y" });
        var acknowledged = await dispatch.As(Roles.Station, Station).PostAsJsonAsync(
            $"/api/stations/{Station}/reports/{reportId}/acknowledge", new { officer = new { nrp = "87010123", name = "Bripka Andi" } });
        var twice = await dispatch.As(Roles.Station, Station).PostAsJsonAsync(
            $"/api/stations/{Station}/reports/{reportId}/acknowledge", new { officer = new { nrp = "80010099", name = "Bripda Other" } });
        var resolved = await dispatch.As(Roles.Station, Station).PostAsJsonAsync(
            $"/api/stations/{Station}/reports/{reportId}/resolve", new { outcome = "recovered", summary = "Motor ditemukan" });

        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var stream = await dispatch.StreamAsync(reportId);
        Assert.Equal(
            new[] { typeof(ReportReceived), typeof(ReportForwarded), typeof(ReportAcknowledged), typeof(ReportResolved) },
            stream.Select(e => e.Data.GetType()).ToArray());
        Assert.Equal($"station:{Station}", stream[2].UserName);
    }

    [Theory]
    [InlineData("{\"officer\":{\"nrp\":\"\",\"name\":\"x\"}}")]
    [InlineData("{\"officer\":null}")]
    [InlineData("not json")]
    public async Task Given_bad_input_When_acknowledging_Then_400_problem_details_and_nothing_appended(string body)
    {
        var reportId = Guid.CreateVersion7();
        await dispatch.AppendAsync(reportId, TestEvents.Received(reportId), TestEvents.Forwarded(reportId));

        var response = await dispatch.As(Roles.Station, Station).PostAsync(
            $"/api/stations/{Station}/reports/{reportId}/acknowledge", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, (await dispatch.StreamAsync(reportId)).Count);
    }

    [Fact]
    public async Task Given_an_unknown_report_When_acknowledged_Then_404_problem_details()
    {
        var response = await dispatch.As(Roles.Station, Station).PostAsJsonAsync(
            $"/api/stations/{Station}/reports/{Guid.NewGuid()}/acknowledge", new { officer = new { nrp = "80010001", name = "Bripda Xaverius" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
