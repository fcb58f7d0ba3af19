using Polri110.Contracts;
using Polri110.Testing;

namespace Polri110.Tracking.Tests;

/// <summary>The one fold every read model shares: a table of event sequences and the status and owner each ends in.</summary>
public class ReportLifecycleTests
{
    private const string Polres = "polres-metro-tangerang-kota";
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly Officer Andi = new("87010123", "Bripka Andi");

    private static readonly Dictionary<string, object> Events = new()
    {
        ["received"] = TestEvents.Received(Id),
        ["silent-call"] = TestEvents.Received(Id) with { CallType = CallType.Silent },
        ["forwarded"] = TestEvents.Forwarded(Id),
        ["routing-failed"] = new ReportRoutingFailed(Id, null, "No region", "map", "routing-service", Now),
        ["acknowledged"] = new ReportAcknowledged(Id, Polres, Andi, Andi.Nrp, Now),
        ["assigned-to-polsek"] = new ReportAssigned(Id, Polres, "polsek-batuceper", null, Andi.Nrp, Now),
        ["assigned-to-officer"] = new ReportAssigned(Id, Polres, "polsek-batuceper", new Officer("90010001", "Bripda Sari"), Andi.Nrp, Now),
        ["rejected"] = new ReportRejected(Id, Polres, "Bukan wilayah kami", null, Andi.Nrp, Now),
        ["resolved"] = new ReportResolved(Id, Polres, "recovered", "Motor ditemukan", Andi.Nrp, Now),
        ["closed"] = new ReportClosed(Id, "resolved 72 h ago", "tracking-service", Now),
        ["reopened"] = new ReportReopened(Id, "Penelepon menelepon lagi", "operator-1", Now),
        ["flagged"] = new ReportFlaggedAsPrank(Id, PrankKind.Prank, null, "operator-1", Now),
        ["linked"] = new ReportLinkedAsDuplicate(Id, Guid.NewGuid(), "operator-1", Now),
        ["unlinked"] = new ReportUnlinked(Id, Guid.NewGuid(), "operator-1", Now),
        ["escalated"] = new ReportEscalated(Id, Polres, 1, "Kapolres", "acknowledge", Now, Polres, "dispatch-service", Now),
    };

    [Theory]
    [InlineData("received", "received", "routing", false)]
    [InlineData("silent-call", "received", null, false)]
    [InlineData("silent-call closed", "closed", null, false)]
    [InlineData("received forwarded", "forwarded", Polres, true)]
    [InlineData("received routing-failed", "routing-failed", "triage", false)]
    [InlineData("received routing-failed forwarded", "forwarded", Polres, true)]
    [InlineData("received forwarded escalated", "forwarded", Polres, true)]
    [InlineData("received forwarded acknowledged", "acknowledged", "87010123", true)]
    [InlineData("received forwarded acknowledged assigned-to-polsek", "assigned", "polsek-batuceper", true)]
    [InlineData("received forwarded acknowledged assigned-to-officer", "assigned", "90010001", true)]
    [InlineData("received forwarded rejected", "rejected", "routing", false)]
    [InlineData("received forwarded acknowledged resolved", "resolved", "87010123", false)]
    [InlineData("received forwarded acknowledged resolved closed", "closed", "87010123", false)]
    [InlineData("received forwarded acknowledged resolved reopened", "forwarded", Polres, true)]
    [InlineData("received forwarded acknowledged resolved closed reopened", "forwarded", Polres, true)]
    [InlineData("received forwarded flagged", "flagged-as-prank", Polres, false)]
    [InlineData("received flagged", "flagged-as-prank", "routing", false)]
    [InlineData("received forwarded acknowledged linked", "duplicate", "87010123", false)]
    [InlineData("received forwarded acknowledged linked unlinked", "forwarded", Polres, true)]
    [InlineData("received linked", "duplicate", "routing", false)]
    [InlineData("received linked unlinked", "received", "routing", false)]
    [InlineData("received routing-failed linked unlinked", "routing-failed", "triage", false)]
    public void A_history_folds_into_one_status_and_owner(string history, string status, string? owner, bool openAtStation)
    {
        var lifecycle = ReportLifecycle.Fold(history.Split(' ').Select(name => Events[name]))!;

        Assert.Equal(status, lifecycle.Status);
        Assert.Equal(owner, lifecycle.Owner);
        Assert.Equal(openAtStation, lifecycle.IsOpenAtStation);
    }

    [Fact]
    public void A_flag_is_remembered_and_takes_the_report_off_its_station()
    {
        var lifecycle = ReportLifecycle.Fold([Events["received"], Events["forwarded"], Events["flagged"]])!;

        Assert.Equal(PrankKind.Prank, lifecycle.FlaggedAs);
        Assert.False(lifecycle.IsOpenAtStation);
        Assert.Equal(Polres, lifecycle.PolresId);
    }

    [Fact]
    public void An_empty_history_is_no_report() => Assert.Null(ReportLifecycle.Fold([]));
}
