using Polri110.Contracts;
using Polri110.Jurisdictions.Map;
using Polri110.Jurisdictions.Regions;
using Polri110.Routing.Jurisdictions;
using Polri110.Routing.Reports;
using Polri110.Routing.Reports.ReroutingRejectedReport;
using Polri110.Routing.Reports.Triage;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Routing.Tests;

public class RerouteAndTriageTests
{
    private static readonly JurisdictionLookup Lookup = new(RegionDirectory.LoadShipped(), JurisdictionMap.LoadShipped(), TimeProvider.System);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid ReportId = Guid.NewGuid();

    private static readonly ReportReceived ReceivedInKabTangerang = new(
        ReportId, "110-AAAA-BBBB", new Caller("+6281234567890", null), new IncidentLocation("36.03.01", null, null, null),
        "theft", Priority.P3, "Motor dicuri", null, "operator-1", Now.AddMinutes(-10));

    private static ReportForwarded ForwardedTo(string polresId, string region = "36.03.01") =>
        new(ReportId, region, polresId, polresId, "polda-banten", "Polda Banten", "v", "routing-service", Now.AddMinutes(-9));

    private static ReportRejected RejectedBy(string polresId, string? suggested) =>
        new(ReportId, polresId, "Lokasi di wilayah kota", suggested, "station", Now.AddMinutes(-8));

    private static RoutingReport Given(params object[] events) =>
        events.Skip(1).Aggregate(RoutingReport.Create((ReportReceived)events[0]), (report, e) => e switch
        {
            ReportForwarded x => report.Apply(x),
            ReportRoutingFailed x => report.Apply(x),
            ReportRejected x => report.Apply(x),
            _ => throw new ArgumentException(e.GetType().Name),
        });

    private static Decision Reroute(RoutingReport report, ReportRejected rejected) =>
        RerouteReport.Decide(
            report, new RerouteReport(ReportId, rejected.PolresId, rejected.Reason, rejected.SuggestedRegionCode, "routing-service", Now),
            Lookup.Resolve, Lookup.MapVersion);

    [Fact]
    public void Given_a_station_rejects_with_a_suggested_region_When_rerouted_Then_forwarded_to_that_region_Polres_with_the_reason()
    {
        var rejected = RejectedBy("polresta-tangerang", suggested: "36.71.01");

        var forwarded = Assert.IsType<ReportForwarded>(Assert.Single(Reroute(Given(ReceivedInKabTangerang, ForwardedTo("polresta-tangerang"), rejected), rejected).Events));

        Assert.Equal("polres-metro-tangerang-kota", forwarded.PolresId);
        Assert.Equal("polda-metro-jaya", forwarded.PoldaId);
        Assert.Equal("36.71.01", forwarded.RegionCode);
        Assert.Contains("polresta-tangerang", forwarded.Reason);
    }

    [Fact]
    public void Given_a_station_rejects_without_a_better_region_When_rerouted_Then_the_report_goes_to_triage_not_back_to_it()
    {
        var rejected = RejectedBy("polresta-tangerang", suggested: null);

        var failed = Assert.IsType<ReportRoutingFailed>(Assert.Single(Reroute(Given(ReceivedInKabTangerang, ForwardedTo("polresta-tangerang"), rejected), rejected).Events));

        Assert.Contains("rejected", failed.Reason);
    }

    [Fact]
    public void Given_a_report_already_rerouted_When_the_rejection_is_redelivered_Then_nothing_changes()
    {
        var rejected = RejectedBy("polresta-tangerang", suggested: "36.71.01");
        var history = new object[] { ReceivedInKabTangerang, ForwardedTo("polresta-tangerang"), rejected };
        var forwarded = (ReportForwarded)Reroute(Given(history), rejected).Events.Single();

        Assert.Empty(Reroute(Given([.. history, forwarded]), rejected).Events);
    }

    [Fact]
    public void Given_a_report_in_triage_When_a_supervisor_routes_it_Then_forwarded_with_who_decided_and_why()
    {
        var failed = new ReportRoutingFailed(ReportId, "36", "province", "v", "routing-service", Now.AddMinutes(-5));

        var decision = RouteFromTriage.Decide(
            Given(ReceivedInKabTangerang, failed), new RouteFromTriage(ReportId, "36.74.01", "Caller confirmed Serpong", "supervisor-3", Now), Lookup.Resolve);

        var forwarded = Assert.IsType<ReportForwarded>(Assert.Single(decision.Events));
        Assert.Equal("polres-tangerang-selatan", forwarded.PolresId);
        Assert.Equal("supervisor-3", forwarded.Actor);
        Assert.Contains("Caller confirmed Serpong", forwarded.Reason);
    }

    [Fact]
    public void Given_a_report_not_in_triage_When_a_supervisor_routes_it_Then_conflict()
    {
        var decision = RouteFromTriage.Decide(
            Given(ReceivedInKabTangerang, ForwardedTo("polresta-tangerang")), new RouteFromTriage(ReportId, "36.74.01", "x", "supervisor-3", Now), Lookup.Resolve);

        Assert.Equal(RejectionKind.Conflict, decision.Rejection?.Kind);
    }

    [Fact]
    public void Given_a_report_in_triage_When_a_supervisor_names_a_whole_province_Then_refused_as_invalid()
    {
        var failed = new ReportRoutingFailed(ReportId, "36", "province", "v", "routing-service", Now.AddMinutes(-5));

        var decision = RouteFromTriage.Decide(Given(ReceivedInKabTangerang, failed), new RouteFromTriage(ReportId, "36", "x", "supervisor-3", Now), Lookup.Resolve);

        Assert.Equal(RejectionKind.Invalid, decision.Rejection?.Kind);
        Assert.Empty(decision.Events);
    }

    private static (TriageEntry? Entry, JasperFx.Events.Daemon.ActionType Action) Triage(TriageEntry? stored, params object[] events) =>
        new TriageProjection().DetermineAction(
            stored, ReportId, events.Select(e => e as JasperFx.Events.IEvent ?? new JasperFx.Events.Event<object>(e)).ToList());

    [Fact]
    public void Given_a_report_routed_at_once_When_the_triage_projection_folds_it_Then_it_stores_nothing()
    {
        Assert.Equal(JasperFx.Events.Daemon.ActionType.Nothing, Triage(null, ReceivedInKabTangerang, ForwardedTo("polresta-tangerang")).Action);
        Assert.Equal(JasperFx.Events.Daemon.ActionType.Nothing, Triage(null, ForwardedTo("polresta-tangerang")).Action);
    }

    [Fact]
    public void Given_a_report_nobody_could_route_When_the_triage_projection_folds_it_Then_its_entry_is_on_the_list_until_it_is_routed()
    {
        var failed = new ReportRoutingFailed(ReportId, "36.03.01", "No Polres", "v", "routing-service", Now.AddMinutes(-9));

        var (entry, action) = Triage(null, ReceivedInKabTangerang, failed);
        var (routed, afterRouting) = Triage(entry, ForwardedTo("polresta-tangerang"));

        Assert.Equal(JasperFx.Events.Daemon.ActionType.Store, action);
        Assert.Equal((true, "110-AAAA-BBBB", "No Polres"), (entry!.InTriage, entry.TrackingCode, entry.Reason));
        Assert.Equal(JasperFx.Events.Daemon.ActionType.Store, afterRouting);
        Assert.False(routed!.InTriage);
    }

    [Fact]
    public void Given_a_report_that_fails_routing_in_a_later_batch_than_its_receipt_Then_its_entry_is_built_from_the_earlier_events()
    {
        var failed = new ReportRoutingFailed(ReportId, "36.03.01", "No Polres", "v", "routing-service", Now.AddMinutes(-9));
        var earlier = new EarlierEvents([new JasperFx.Events.Event<ReportReceived>(ReceivedInKabTangerang) { Version = 1 }]);

        var (entry, action) = Triage(null, new JasperFx.Events.Event<JasperFx.Events.References<EarlierEvents>>(new(earlier)), failed);

        Assert.Equal(JasperFx.Events.Daemon.ActionType.Store, action);
        Assert.Equal((true, "110-AAAA-BBBB", "theft", ReceivedInKabTangerang.OccurredAt), (entry!.InTriage, entry.TrackingCode, entry.Category, entry.ReceivedAt));
    }
}
