using JasperFx.Events;
using JasperFx.Events.Daemon;
using Polri110.Contracts;
using Polri110.Dispatch.Reports.ListingStationReports;
using Polri110.Dispatch.Sla;
using Polri110.ServiceDefaults.EventStore;
using Polri110.Testing;

namespace Polri110.Dispatch.Tests;

/// <summary>What Dispatch's station list keeps: Given a report's events (and what it stored before), Then what it stores.</summary>
public class StationReportProjectionTests
{
    private static readonly Guid ReportId = Guid.NewGuid();
    private static readonly StationReportProjection Projection = new(new SlaPolicy());

    private static (StationReport? Report, ActionType Action) Fold(StationReport? stored, params object[] events) =>
        Projection.DetermineAction(stored, ReportId, events.Select(e => e as IEvent ?? new Event<object>(e)).ToList());

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
    public void Given_an_incident_not_forwarded_yet_Then_no_station_lists_it_and_nothing_is_stored()
    {
        var received = TestEvents.Received(ReportId);
        var failed = new ReportRoutingFailed(ReportId, null, "No region", "v", "routing-service", DateTimeOffset.UtcNow);

        Assert.Equal(ActionType.Nothing, Fold(null, received).Action);
        Assert.Equal(ActionType.Nothing, Fold(null, received, failed).Action);
    }

    [Fact]
    public void Given_an_incident_forwarded_in_a_later_batch_Then_its_entry_is_the_fold_of_its_whole_stream()
    {
        var received = TestEvents.Received(ReportId, priority: Priority.P1);
        var failed = new ReportRoutingFailed(ReportId, null, "No region", "v", "routing-service", DateTimeOffset.UtcNow);
        var forwarded = TestEvents.Forwarded(ReportId);
        var earlier = new EarlierEvents([new Event<ReportReceived>(received) { Version = 1 }, new Event<ReportRoutingFailed>(failed) { Version = 2 }]);

        var (inOneBatch, action) = Fold(null, received, failed, forwarded);
        var (inALaterBatch, laterAction) = Fold(null, new Event<References<EarlierEvents>>(new(earlier)), forwarded);

        Assert.Equal((ActionType.Store, ActionType.Store), (action, laterAction));
        Assert.Equal(("polres-metro-tangerang-kota", true), (inALaterBatch!.PolresId, inALaterBatch.OpenAtStation));
        Assert.Equal(received.TrackingCode, inALaterBatch.TrackingCode);
        Assert.Equal(inOneBatch!.Lifecycle, inALaterBatch.Lifecycle);
        Assert.Equal((inOneBatch.ReceivedAt, inOneBatch.AcknowledgeBy), (inALaterBatch.ReceivedAt, inALaterBatch.AcknowledgeBy));
    }

    [Fact]
    public void Given_a_stored_entry_When_the_station_acknowledges_Then_it_is_stored_again_without_reading_earlier_events()
    {
        var (forwarded, _) = Fold(null, TestEvents.Received(ReportId), TestEvents.Forwarded(ReportId));
        var officer = new Officer("87010123", "Bripka Andi");

        var (acknowledged, action) = Fold(forwarded, new ReportAcknowledged(ReportId, "polres-metro-tangerang-kota", officer, officer.Nrp, DateTimeOffset.UtcNow));

        Assert.Equal(ActionType.Store, action);
        Assert.Equal("87010123", acknowledged!.Owner);
    }
}
