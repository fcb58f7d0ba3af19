using Polri110.Contracts;
using Polri110.Intake.Reports.FlaggingAsPrank;
using Polri110.ServiceDefaults.EventStore;
using Polri110.Testing;

namespace Polri110.Intake.Tests;

public class FlagAsPrankTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid ReportId = Guid.NewGuid();

    private static FlagAsPrank Command(PrankKind kind = PrankKind.Prank) => new(ReportId, kind, "Penelepon tertawa", "operator-7", Now);

    private static ReportLifecycle? Given(params object[] events) => ReportLifecycle.Fold(events);

    [Fact]
    public void Given_a_report_at_its_station_When_an_operator_flags_it_Then_it_is_flagged_with_kind_note_and_actor()
    {
        var flagged = Assert.IsType<ReportFlaggedAsPrank>(Assert.Single(
            FlagAsPrank.Decide(Given(TestEvents.Received(ReportId), TestEvents.Forwarded(ReportId)), Command(PrankKind.Abusive)).Events));

        Assert.Equal(PrankKind.Abusive, flagged.Kind);
        Assert.Equal("Penelepon tertawa", flagged.Note);
        Assert.Equal("operator-7", flagged.Actor);
        Assert.Equal(Now, flagged.OccurredAt);
    }

    [Fact]
    public void Given_a_resolved_report_When_flagged_after_the_fact_Then_it_is_flagged() =>
        Assert.Single(FlagAsPrank.Decide(
            Given(TestEvents.Received(ReportId), TestEvents.Forwarded(ReportId),
                new ReportAcknowledged(ReportId, "polres-metro-tangerang-kota", new Officer("87010123", "Bripka Andi"), "87010123", Now),
                new ReportResolved(ReportId, "polres-metro-tangerang-kota", "false-report", "Tidak ada kejadian", "87010123", Now)),
            Command()).Events);

    [Fact]
    public void Given_an_information_call_When_flagged_Then_it_is_flagged() =>
        Assert.Single(FlagAsPrank.Decide(Given(TestEvents.Received(ReportId) with { CallType = CallType.Information }), Command()).Events);

    [Fact]
    public void Given_no_report_When_flagged_Then_not_found() =>
        Assert.Equal(RejectionKind.NotFound, FlagAsPrank.Decide(null, Command()).Rejection?.Kind);

    [Fact]
    public void Given_a_report_a_station_flagged_already_When_flagged_again_Then_conflict_and_nothing_appended()
    {
        var decision = FlagAsPrank.Decide(
            Given(TestEvents.Received(ReportId), TestEvents.Forwarded(ReportId), new ReportFlaggedAsPrank(ReportId, PrankKind.Silent, null, "87010123", Now)),
            Command());

        Assert.Equal(RejectionKind.Conflict, decision.Rejection?.Kind);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(CallType.Prank)]
    [InlineData(CallType.Silent)]
    [InlineData(CallType.Misdial)]
    [InlineData(CallType.Abusive)]
    public void Given_a_call_recorded_as_a_prank_kind_When_flagged_Then_conflict(CallType recordedAs) =>
        Assert.Equal(RejectionKind.Conflict, FlagAsPrank.Decide(Given(TestEvents.Received(ReportId) with { CallType = recordedAs }), Command()).Rejection?.Kind);
}
