using JasperFx.Events;
using JasperFx.Events.Daemon;
using Polri110.Contracts;
using Polri110.Dispatch.Reports.ListingStationReports;
using Polri110.Dispatch.Sla;
using Polri110.Testing;

namespace Polri110.Dispatch.Tests;

/// <summary>What Dispatch's station list keeps: Given a report's events (and what it stored before), Then what it stores.</summary>
public class StationReportProjectionTests
{
    private static readonly Guid ReportId = Guid.NewGuid();
    private static readonly StationReportProjection Projection = new(new SlaPolicy());

    private static (StationReport? Report, ActionType Action) Fold(StationReport? stored, params object[] events) =>
        Projection.DetermineAction(stored, ReportId, events.Select(e => (IEvent)new Event<object>(e)).ToList());

    [Theory]
    [InlineData(CallType.Silent)]
    [InlineData(CallType.Prank)]
    [InlineData(CallType.Misdial)]
    public void Given_a_call_that_is_not_an_incident_Then_the_station_list_stores_nothing_for_it(CallType callType)
    {
        var received = TestEvents.Received(ReportId) with { CallType = callType };
        var closed = new ReportClosed(ReportId, "Not an incident", "tracking-service", DateTimeOffset.UtcNow);

        Assert.Equal(ActionType.Nothing, Fold(null, received).Action);
        Assert.Equal(ActionType.Nothing, Fold(null, closed).Action);
    }

    [Fact]
    public void Given_an_incident_received_and_then_forwarded_Then_it_is_stored_and_open_at_its_Polres()
    {
        var (received, first) = Fold(null, TestEvents.Received(ReportId, priority: Priority.P1));
        var (forwarded, second) = Fold(received, TestEvents.Forwarded(ReportId));

        Assert.Equal((ActionType.Store, ActionType.Store), (first, second));
        Assert.Null(received!.PolresId);
        Assert.Equal(("polres-metro-tangerang-kota", true), (forwarded!.PolresId, forwarded.OpenAtStation));
        Assert.NotNull(forwarded.AcknowledgeBy);
    }
}
