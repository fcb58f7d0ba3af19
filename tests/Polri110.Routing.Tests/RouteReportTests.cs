using Polri110.Contracts;
using Polri110.Jurisdictions.Map;
using Polri110.Jurisdictions.Regions;
using Polri110.Routing.Jurisdictions;
using Polri110.Routing.Reports;
using Polri110.Routing.Reports.RoutingReceivedReport;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Routing.Tests;

public class RouteReportTests
{
    private static readonly JurisdictionLookup Lookup = new(RegionDirectory.LoadShipped(), JurisdictionMap.LoadShipped(), TimeProvider.System);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    private static RoutingReport Given(params object[] events)
    {
        var report = RoutingReport.Create((ReportReceived)events[0]);
        foreach (var e in events.Skip(1))
        {
            report = e switch
            {
                ReportForwarded forwarded => report.Apply(forwarded),
                ReportRoutingFailed failed => report.Apply(failed),
                ReportRejected rejected => report.Apply(rejected),
                ReportFlaggedAsPrank flagged => report.Apply(flagged),
                ReportLinkedAsDuplicate linked => report.Apply(linked),
                ReportUnlinked unlinked => report.Apply(unlinked),
                _ => report,
            };
        }

        return report;
    }

    private static ReportReceived Received(string? regionCode) => new(
        Guid.NewGuid(), "110-AAAA-BBBB", new Caller("+6281234567890", "Budi"), new IncidentLocation(regionCode, null, null, null),
        "theft", Priority.P3, "Motor dicuri", null, "operator-1", Now.AddMinutes(-1));

    private static Decision When(RoutingReport? report) =>
        RouteReport.Decide(report, new RouteReport(report?.Id ?? Guid.NewGuid(), "routing-service", Now), Lookup.Resolve, Lookup.MapVersion);

    [Fact]
    public void Given_received_report_in_Kota_Tangerang_When_routed_Then_forwarded_to_Polres_Metro_Tangerang_Kota_under_Polda_Metro_Jaya()
    {
        var decision = When(Given(Received("36.71.01.1001")));

        var forwarded = Assert.IsType<ReportForwarded>(Assert.Single(decision.Events));
        Assert.Equal("polres-metro-tangerang-kota", forwarded.PolresId);
        Assert.Equal("polda-metro-jaya", forwarded.PoldaId);
        Assert.Equal(Lookup.MapVersion, forwarded.JurisdictionMapVersion);
        Assert.Equal("routing-service", forwarded.Actor);
    }

    [Fact]
    public void Given_received_report_in_Kabupaten_Tangerang_When_routed_Then_forwarded_to_Polresta_Tangerang_under_Polda_Banten()
    {
        var forwarded = Assert.IsType<ReportForwarded>(Assert.Single(When(Given(Received("36.03.01"))).Events));

        Assert.Equal("polresta-tangerang", forwarded.PolresId);
        Assert.Equal("polda-banten", forwarded.PoldaId);
    }

    [Theory]
    [InlineData("99.99.99.9999")]
    [InlineData("36")]
    [InlineData("36.99")]
    public void Given_report_in_a_region_no_single_Polres_covers_When_routed_Then_routing_fails_rather_than_guessing(string regionCode)
    {
        var failed = Assert.IsType<ReportRoutingFailed>(Assert.Single(When(Given(Received(regionCode))).Events));

        Assert.Equal(regionCode, failed.RegionCode);
    }

    [Fact]
    public void Given_report_already_forwarded_When_routed_again_Then_nothing_changes()
    {
        var received = Received("36.71.01.1001");
        var first = (ReportForwarded)When(Given(received)).Events.Single();

        var decision = When(Given(received, first));

        Assert.Empty(decision.Events);
        Assert.Null(decision.Rejection);
    }

    [Fact]
    public void Given_no_report_When_routed_Then_refused_as_not_found()
    {
        Assert.Equal(RejectionKind.NotFound, When(null).Rejection?.Kind);
    }

    [Fact]
    public void Given_an_incident_whose_caller_could_not_say_where_When_routed_Then_it_goes_to_triage_for_want_of_a_region()
    {
        var failed = Assert.IsType<ReportRoutingFailed>(Assert.Single(When(Given(Received(null))).Events));

        Assert.Null(failed.RegionCode);
        Assert.Equal(Polri110.Routing.Reports.Routing.NoRegion, failed.Reason);
    }

    [Theory]
    [InlineData(CallType.Silent)]
    [InlineData(CallType.Prank)]
    [InlineData(CallType.Misdial)]
    [InlineData(CallType.Abusive)]
    [InlineData(CallType.Information)]
    public void Given_a_call_that_is_not_an_incident_When_routed_Then_nothing_happens(CallType callType)
    {
        var decision = When(Given(Received("36.71.01.1001") with { CallType = callType }));

        Assert.Empty(decision.Events);
        Assert.Null(decision.Rejection);
    }

    [Fact]
    public void Given_an_incident_flagged_as_a_prank_before_routing_When_routed_Then_it_is_not_forwarded()
    {
        var received = Received("36.71.01.1001");

        Assert.Empty(When(Given(received, new ReportFlaggedAsPrank(received.ReportId, PrankKind.Prank, null, "operator-1", Now))).Events);
    }

    [Fact]
    public void Given_an_incident_linked_as_a_duplicate_before_routing_When_routed_Then_it_waits_and_once_unlinked_it_is_forwarded()
    {
        var received = Received("36.71.01.1001");
        var linked = new ReportLinkedAsDuplicate(received.ReportId, Guid.NewGuid(), "operator-1", Now);

        Assert.Empty(When(Given(received, linked)).Events);
        var forwarded = Assert.IsType<ReportForwarded>(Assert.Single(
            When(Given(received, linked, new ReportUnlinked(received.ReportId, linked.DuplicateOf, "operator-1", Now))).Events));
        Assert.Equal("polres-metro-tangerang-kota", forwarded.PolresId);
        Assert.Equal("polsek-36-71-01", forwarded.SuggestedPolsekId);
    }
}
