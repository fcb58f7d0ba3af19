using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.Testing;
using Polri110.Tracking.Reports.Closing;

namespace Polri110.Tracking.Tests;

public class CloseCallTests(ServiceHost<Program> tracking) : IClassFixture<ServiceHost<Program>>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    private static Decision When(params object[] given)
    {
        var lifecycle = ReportLifecycle.Fold(given);
        return CloseCall.Decide(lifecycle, new CloseCall(lifecycle?.Id ?? Guid.NewGuid(), "tracking-service", Now));
    }

    [Theory]
    [InlineData(CallType.Silent)]
    [InlineData(CallType.Prank)]
    [InlineData(CallType.Misdial)]
    [InlineData(CallType.Abusive)]
    [InlineData(CallType.Information)]
    public void Given_a_call_that_is_not_an_incident_When_Tracking_sees_it_Then_it_is_closed_by_Tracking(CallType callType)
    {
        var reportId = Guid.NewGuid();

        var closed = Assert.IsType<ReportClosed>(Assert.Single(When(TestEvents.Received(reportId) with { CallType = callType }).Events));

        Assert.Equal(reportId, closed.ReportId);
        Assert.Equal("tracking-service", closed.Actor);
        Assert.Contains(callType.ToString(), closed.Reason);
    }

    [Fact]
    public void Given_an_incident_When_Tracking_sees_it_Then_it_stays_open() =>
        Assert.Empty(When(TestEvents.Received(Guid.NewGuid())).Events);

    [Fact]
    public void Given_a_closed_silent_call_When_its_ReportReceived_is_redelivered_Then_nothing_more_is_appended()
    {
        var reportId = Guid.NewGuid();

        Assert.Empty(When(TestEvents.Received(reportId) with { CallType = CallType.Silent }, new ReportClosed(reportId, "x", "tracking-service", Now)).Events);
    }

    [Fact]
    public void Given_no_report_When_closing_Then_not_found() =>
        Assert.Equal(RejectionKind.NotFound, CloseCall.Decide(null, new CloseCall(Guid.NewGuid(), "tracking-service", Now)).Rejection?.Kind);

    [Fact]
    public async Task Given_a_silent_call_on_the_bus_twice_When_Tracking_consumes_it_Then_it_is_closed_once_and_shown_closed_with_its_call_type()
    {
        var reportId = Guid.CreateVersion7();
        var received = TestEvents.Received(reportId) with { CallType = CallType.Silent, Category = null, Description = null, Location = IncidentLocation.Unknown };
        var eventId = (await tracking.AppendAsync(reportId, received)).Single();

        await tracking.PublishAsync(received, eventId);
        await tracking.PublishAsync(received, eventId);
        await Eventually.TrueAsync(() => Task.FromResult(tracking.Consumed.Finished(eventId) == 2), TimeSpan.FromSeconds(30), "both deliveries to be handled");

        var stream = await tracking.StreamAsync(reportId);
        Assert.Equal([typeof(ReportReceived), typeof(ReportClosed)], stream.Select(e => e.Data.GetType()).ToArray());
        Assert.Equal("tracking-service", stream[1].UserName);
        var summary = await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var body = await tracking.As(Roles.Supervisor).GetFromJsonAsync<JsonElement>($"/api/reports/{reportId}");
            return body.GetProperty("status").GetString() == "closed" ? body : null;
        }, TimeSpan.FromSeconds(30), "Tracking to show the call closed") ?? default;
        Assert.Equal("silent", summary.GetProperty("callType").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("regionCode").ValueKind);
        Assert.False(summary.TryGetProperty("lifecycle", out _));
        Assert.False(summary.TryGetProperty("publicCheck", out _));
    }

    [Fact]
    public async Task Given_a_burst_of_silent_calls_on_the_bus_When_Tracking_consumes_them_Then_each_is_closed_once_in_shared_transactions()
    {
        var calls = Enumerable.Range(0, 30).Select(_ => Guid.CreateVersion7())
            .Select(reportId => TestEvents.Received(reportId) with
            {
                CallType = CallType.Silent, Category = null, Description = null, Location = IncidentLocation.Unknown,
            })
            .ToList();
        var eventIds = new List<Guid>();
        foreach (var call in calls)
        {
            eventIds.Add((await tracking.AppendAsync(call.ReportId, call)).Single());
        }

        await Task.WhenAll(calls.Zip(eventIds, (call, eventId) => tracking.PublishAsync(call, eventId)));
        await Eventually.TrueAsync(
            () => Task.FromResult(eventIds.All(eventId => tracking.Consumed.Finished(eventId) == 1)),
            TimeSpan.FromSeconds(30),
            "every call to be handled");

        foreach (var call in calls)
        {
            var stream = await tracking.StreamAsync(call.ReportId);
            Assert.Equal([typeof(ReportReceived), typeof(ReportClosed)], stream.Select(e => e.Data.GetType()).ToArray());
        }

        // The transaction that inserted each closing (its row's xmin): a burst shares them.
        await using var database = NpgsqlDataSource.Create(tracking.Database.AsOwner);
        await using var transactions = database.CreateCommand(
            "SELECT count(DISTINCT xmin::text) FROM polri110.mt_events WHERE type = 'report_closed' AND stream_id = ANY($1)");
        transactions.Parameters.Add(new NpgsqlParameter { Value = calls.Select(call => call.ReportId).ToArray() });
        Assert.InRange((long)(await transactions.ExecuteScalarAsync())!, 1, calls.Count - 1);
    }
}
