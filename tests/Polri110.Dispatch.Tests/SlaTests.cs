using Polri110.Contracts;
using Polri110.Dispatch.Reports;
using Polri110.Dispatch.Reports.Assigning;
using Polri110.Dispatch.Reports.Escalating;
using Polri110.Dispatch.Sla;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Tests;

public class SlaTests
{
    private const string Station = "polres-metro-tangerang-kota";
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid ReportId = Guid.NewGuid();
    private static readonly SlaPolicy Policy = new(); // P1: acknowledge 2 min, resolve 1 h, Kapolda 5 min after
    private static readonly Officer Andi = new("87010123", "Bripka Andi");

    private static readonly ReportReceived Received = new(
        ReportId, "110-AAAA-BBBB", new Caller("+6281234567890", null), new IncidentLocation("36.71.01", null, null, null),
        "kidnapping", Priority.P1, "Anak hilang", null, "operator-1", ReceivedAt);

    private static readonly ReportForwarded Forwarded = new(
        ReportId, "36.71.01", Station, "Polres Metro Tangerang Kota", "polda-metro-jaya", "Polda Metro Jaya", "v1", "routing-service", ReceivedAt.AddSeconds(1));

    private static DispatchReport Given(params object[] events) => DispatchReport.Fold([Received, .. events])!;

    private static Decision At(DispatchReport report, TimeSpan afterReceipt) =>
        EscalateReport.Decide(report, new EscalateReport(ReportId, "dispatch-service", ReceivedAt + afterReceipt), Policy);

    [Fact]
    public void Given_a_forwarded_P1_report_When_its_acknowledge_deadline_has_not_passed_Then_nothing_happens() =>
        Assert.Empty(At(Given(Forwarded), TimeSpan.FromSeconds(119)).Events);

    [Fact]
    public void Given_an_unacknowledged_P1_report_When_two_minutes_pass_Then_it_escalates_to_the_Kapolres_with_the_station_as_owner()
    {
        var escalated = Assert.IsType<ReportEscalated>(Assert.Single(At(Given(Forwarded), TimeSpan.FromMinutes(2)).Events));

        Assert.Equal((1, Deadlines.Acknowledge, Station), (escalated.Level, escalated.MissedDeadline, escalated.OwnerAtEscalation));
        Assert.Equal("Kapolres of Polres Metro Tangerang Kota", escalated.EscalatedTo);
        Assert.Equal(ReceivedAt.AddMinutes(2), escalated.Deadline);
    }

    [Fact]
    public void Given_level_1_When_still_unacknowledged_after_the_grace_period_Then_it_escalates_to_the_Kapolda_once()
    {
        var level1 = (ReportEscalated)At(Given(Forwarded), TimeSpan.FromMinutes(2)).Events.Single();

        Assert.Empty(At(Given(Forwarded, level1), TimeSpan.FromMinutes(3)).Events);
        var level2 = Assert.IsType<ReportEscalated>(Assert.Single(At(Given(Forwarded, level1), TimeSpan.FromMinutes(7)).Events));
        Assert.Equal((2, "Kapolda of Polda Metro Jaya"), (level2.Level, level2.EscalatedTo));
        Assert.Empty(At(Given(Forwarded, level1, level2), TimeSpan.FromHours(5)).Events);
    }

    [Fact]
    public void Given_a_late_acknowledgement_When_the_report_is_resolved_in_time_Then_it_does_not_climb_to_the_Kapolda()
    {
        var level1 = (ReportEscalated)At(Given(Forwarded), TimeSpan.FromMinutes(2)).Events.Single();
        var acknowledged = new ReportAcknowledged(ReportId, Station, Andi, Andi.Nrp, ReceivedAt.AddMinutes(3));

        Assert.Empty(At(Given(Forwarded, level1, acknowledged), TimeSpan.FromMinutes(59)).Events);
        var level2 = Assert.IsType<ReportEscalated>(Assert.Single(At(Given(Forwarded, level1, acknowledged), TimeSpan.FromMinutes(61)).Events));
        Assert.Equal((Deadlines.Resolve, Andi.Nrp), (level2.MissedDeadline, level2.OwnerAtEscalation));
    }

    [Fact]
    public void Given_an_acknowledged_report_assigned_to_a_Polsek_When_the_resolve_deadline_passes_Then_the_assignee_is_named_as_owner()
    {
        var acknowledged = new ReportAcknowledged(ReportId, Station, Andi, Andi.Nrp, ReceivedAt.AddMinutes(1));
        var assigned = new ReportAssigned(ReportId, Station, "polsek-36-71-01", new Officer("9001", "Brigpol Sari"), "desk", ReceivedAt.AddMinutes(5));

        var escalated = Assert.IsType<ReportEscalated>(Assert.Single(At(Given(Forwarded, acknowledged, assigned), TimeSpan.FromHours(1)).Events));

        Assert.Equal((1, Deadlines.Resolve, "9001"), (escalated.Level, escalated.MissedDeadline, escalated.OwnerAtEscalation));
    }

    [Fact]
    public void Given_a_resolved_report_When_any_deadline_passes_Then_nothing_escalates()
    {
        var acknowledged = new ReportAcknowledged(ReportId, Station, Andi, Andi.Nrp, ReceivedAt.AddMinutes(1));
        var resolved = new ReportResolved(ReportId, Station, "done", "ok", "desk", ReceivedAt.AddMinutes(10));

        Assert.Empty(At(Given(Forwarded, acknowledged, resolved), TimeSpan.FromDays(3)).Events);
    }

    [Theory]
    [InlineData("polsek-36-71-01", null)]
    [InlineData("polsek-34-02-01", RejectionKind.Invalid)]
    [InlineData("polsek-unknown", RejectionKind.Invalid)]
    public void A_report_is_assigned_only_to_a_Polsek_of_its_own_Polres(string polsekId, RejectionKind? refusal)
    {
        var acknowledged = new ReportAcknowledged(ReportId, Station, Andi, Andi.Nrp, ReceivedAt.AddMinutes(1));
        Func<string, string?> polresOf = id => id switch { "polsek-36-71-01" => Station, "polsek-34-02-01" => "polres-bantul", _ => null };

        var decision = AssignReport.Decide(Given(Forwarded, acknowledged), new AssignReport(ReportId, Station, polsekId, null, "desk", ReceivedAt.AddMinutes(2)), polresOf);

        Assert.Equal(refusal, decision.Rejection?.Kind);
        Assert.Equal(refusal is null ? 1 : 0, decision.Events.Count);
    }

    [Fact]
    public void An_unacknowledged_report_cannot_be_assigned() =>
        Assert.Equal(RejectionKind.Conflict, AssignReport.Decide(
            Given(Forwarded), new AssignReport(ReportId, Station, "polsek-36-71-01", null, "desk", ReceivedAt), _ => Station).Rejection?.Kind);

    [Fact]
    public void Given_an_escalated_report_resolved_then_reopened_When_time_passes_Then_a_fresh_clock_runs_from_the_reopening()
    {
        var level1 = (ReportEscalated)At(Given(Forwarded), TimeSpan.FromMinutes(2)).Events.Single();
        var acknowledged = new ReportAcknowledged(ReportId, Station, Andi, Andi.Nrp, ReceivedAt.AddMinutes(3));
        var resolved = new ReportResolved(ReportId, Station, "recovered", "Anak ditemukan", Andi.Nrp, ReceivedAt.AddMinutes(30));
        var reopened = new ReportReopened(ReportId, "Anak hilang lagi", "operator-1", ReceivedAt.AddHours(5));

        var report = Given(Forwarded, level1, acknowledged, resolved, reopened);

        Assert.Equal(ReportStatus.Forwarded, report.Status);
        Assert.Equal(Station, report.Owner);
        Assert.Null(report.Acknowledgement);
        Assert.Equal(ReceivedAt.AddHours(5).AddMinutes(2), report.Clock.AcknowledgeBy(Policy));
        Assert.Empty(At(report, TimeSpan.FromHours(5) + TimeSpan.FromSeconds(119)).Events);
        var again = Assert.IsType<ReportEscalated>(Assert.Single(At(report, TimeSpan.FromHours(5) + TimeSpan.FromMinutes(2)).Events));
        Assert.Equal(1, again.Level);
    }

    [Fact]
    public void Given_a_report_flagged_as_a_prank_at_its_station_When_its_deadline_passes_Then_nothing_escalates()
    {
        var report = Given(Forwarded, new ReportFlaggedAsPrank(ReportId, PrankKind.Silent, null, "operator-1", ReceivedAt.AddMinutes(1)));

        Assert.False(report.Clock.Open);
        Assert.Empty(At(report, TimeSpan.FromHours(3)).Events);
    }
}
