using Polri110.Contracts;
using Polri110.Intake.Reports.Reopening;
using Polri110.ServiceDefaults.EventStore;
using Polri110.Testing;

namespace Polri110.Intake.Tests;

public class ReopenReportTests
{
    private const string Polres = "polres-metro-tangerang-kota";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Officer Andi = new("87010123", "Bripka Andi");
    private static readonly object[] Resolved =
    [
        TestEvents.Received(Id), TestEvents.Forwarded(Id), new ReportAcknowledged(Id, Polres, Andi, Andi.Nrp, Now),
        new ReportResolved(Id, Polres, "recovered", "Motor ditemukan", Andi.Nrp, Now),
    ];

    private static Decision When(params object[] given) =>
        ReopenReport.Decide(ReportLifecycle.Fold(given), new ReopenReport(Id, "Penelepon: motor belum kembali", "operator-7", Now.AddHours(1)));

    [Fact]
    public void Given_a_resolved_report_When_the_caller_calls_back_Then_it_is_reopened_with_the_reason_and_actor()
    {
        var reopened = Assert.IsType<ReportReopened>(Assert.Single(When(Resolved).Events));

        Assert.Equal("Penelepon: motor belum kembali", reopened.Reason);
        Assert.Equal("operator-7", reopened.Actor);
    }

    [Fact]
    public void Given_a_closed_report_a_station_resolved_When_the_caller_calls_back_Then_it_is_reopened() =>
        Assert.Single(When([.. Resolved, new ReportClosed(Id, "72 h", "tracking-service", Now)]).Events);

    [Fact]
    public void Given_a_report_still_at_its_station_When_reopened_Then_conflict() =>
        Assert.Equal(RejectionKind.Conflict, When(TestEvents.Received(Id), TestEvents.Forwarded(Id)).Rejection?.Kind);

    [Fact]
    public void Given_a_silent_call_closed_when_recorded_When_reopened_Then_conflict() =>
        Assert.Equal(RejectionKind.Conflict, When(
            TestEvents.Received(Id) with { CallType = CallType.Silent }, new ReportClosed(Id, "silent", "tracking-service", Now)).Rejection?.Kind);

    [Fact]
    public void Given_no_report_When_reopened_Then_not_found() => Assert.Equal(RejectionKind.NotFound, When().Rejection?.Kind);
}
