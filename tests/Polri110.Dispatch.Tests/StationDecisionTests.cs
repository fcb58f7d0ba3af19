using Polri110.Contracts;
using Polri110.Dispatch.Reports;
using Polri110.Dispatch.Reports.Acknowledging;
using Polri110.Dispatch.Reports.Resolving;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Tests;

public class StationDecisionTests
{
    private const string Station = "polres-metro-tangerang-kota";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid ReportId = Guid.NewGuid();
    private static readonly Officer Andi = new("87010123", "Bripka Andi");

    private static readonly ReportReceived Received = new(
        ReportId, "110-AAAA-BBBB", new Caller("+6281234567890", "Budi"), new IncidentLocation("36.71.01.1001", null, null, null),
        "theft", Priority.P3, "Motor dicuri", null, "operator-1", Now.AddMinutes(-5));

    private static readonly ReportForwarded Forwarded = new(
        ReportId, "36.71.01.1001", Station, "Polres Metro Tangerang Kota", "polda-metro-jaya", "Polda Metro Jaya", "v1", "routing-service", Now.AddMinutes(-4));

    private static readonly ReportAcknowledged Acknowledged = new(ReportId, Station, Andi, Andi.Nrp, Now.AddMinutes(-3));

    private static DispatchReport Given(params object[] events) => DispatchReport.Fold(events)!;

    private static Decision Acknowledge(DispatchReport? report, string station = Station) =>
        AcknowledgeReport.Decide(
            report, new AcknowledgeReport(ReportId, station, Andi, $"station:{station}", Now), new Polri110.Dispatch.Sla.SlaPolicy());

    private static Decision Resolve(DispatchReport? report, string station = Station) =>
        ResolveReport.Decide(report, new ResolveReport(ReportId, station, "recovered", "Motor ditemukan", $"station:{station}", Now));

    [Fact]
    public void Given_forwarded_report_When_station_acknowledges_Then_owner_is_recorded()
    {
        var acknowledged = Assert.IsType<ReportAcknowledged>(Assert.Single(Acknowledge(Given(Received, Forwarded)).Events));

        Assert.Equal(Andi, acknowledged.Officer);
        Assert.Equal($"station:{Station}", acknowledged.Actor);
        Assert.Equal(Now, acknowledged.OccurredAt);
    }

    [Fact]
    public void Given_acknowledged_report_When_acknowledged_again_Then_conflict_and_nothing_appended()
    {
        var decision = Acknowledge(Given(Received, Forwarded, Acknowledged));

        Assert.Equal(RejectionKind.Conflict, decision.Rejection?.Kind);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Given_report_of_another_station_When_acknowledged_Then_forbidden()
    {
        Assert.Equal(RejectionKind.Forbidden, Acknowledge(Given(Received, Forwarded), "polres-bantul").Rejection?.Kind);
    }

    [Fact]
    public void Given_report_not_yet_routed_When_acknowledged_Then_forbidden()
    {
        Assert.Equal(RejectionKind.Forbidden, Acknowledge(Given(Received)).Rejection?.Kind);
    }

    [Fact]
    public void Given_unknown_report_When_acknowledged_Then_not_found()
    {
        Assert.Equal(RejectionKind.NotFound, Acknowledge(null).Rejection?.Kind);
    }

    [Fact]
    public void Given_acknowledged_report_When_resolved_Then_outcome_is_recorded()
    {
        var resolved = Assert.IsType<ReportResolved>(Assert.Single(Resolve(Given(Received, Forwarded, Acknowledged)).Events));

        Assert.Equal("recovered", resolved.Outcome);
        Assert.Equal(Station, resolved.PolresId);
    }

    [Fact]
    public void Given_unacknowledged_report_When_resolved_Then_conflict_because_no_one_owns_it()
    {
        var decision = Resolve(Given(Received, Forwarded));

        Assert.Equal(RejectionKind.Conflict, decision.Rejection?.Kind);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Given_resolved_report_When_resolved_again_Then_conflict()
    {
        var resolved = (ReportResolved)Resolve(Given(Received, Forwarded, Acknowledged)).Events.Single();

        Assert.Equal(RejectionKind.Conflict, Resolve(Given(Received, Forwarded, Acknowledged, resolved)).Rejection?.Kind);
    }
}

public class RejectReportTests
{
    private const string Station = "polresta-tangerang";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid ReportId = Guid.NewGuid();

    private static readonly ReportReceived Received = new(
        ReportId, "110-AAAA-BBBB", new Caller("+6281234567890", null), new IncidentLocation("36.03.01", null, null, null),
        "theft", Priority.P3, "Motor dicuri", null, "operator-1", Now.AddMinutes(-5));

    private static readonly ReportForwarded Forwarded = new(
        ReportId, "36.03.01", Station, "Polresta Tangerang", "polda-banten", "Polda Banten", "v1", "routing-service", Now.AddMinutes(-4));

    private static Decision Reject(DispatchReport report, string station = Station) =>
        Polri110.Dispatch.Reports.Rejecting.RejectReport.Decide(
            report, new Polri110.Dispatch.Reports.Rejecting.RejectReport(ReportId, station, "Lokasi di Serpong", "36.74.01", $"station:{station}", Now));

    [Fact]
    public void Given_a_forwarded_report_When_the_station_rejects_it_Then_the_rejection_carries_the_reason_and_suggestion()
    {
        var rejected = Assert.IsType<ReportRejected>(Assert.Single(Reject(DispatchReport.Create(Received).Apply(Forwarded)).Events));

        Assert.Equal(("Lokasi di Serpong", "36.74.01"), (rejected.Reason, rejected.SuggestedRegionCode));
    }

    [Fact]
    public void Given_a_report_of_another_station_When_rejected_Then_forbidden() =>
        Assert.Equal(RejectionKind.Forbidden, Reject(DispatchReport.Create(Received).Apply(Forwarded), "polres-bantul").Rejection?.Kind);

    [Fact]
    public void Given_a_rejected_report_When_rejected_again_Then_forbidden_because_it_is_no_longer_theirs()
    {
        var report = DispatchReport.Create(Received).Apply(Forwarded);
        var rejected = (ReportRejected)Reject(report).Events.Single();

        Assert.Equal(RejectionKind.Forbidden, Reject(report.Apply(rejected)).Rejection?.Kind);
    }
}
