using Polri110.Contracts;
using Polri110.Intake.Reports.LinkingDuplicates;
using Polri110.ServiceDefaults.EventStore;
using Polri110.Testing;

namespace Polri110.Intake.Tests;

public class DuplicateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid(), PrimaryId = Guid.NewGuid(), ThirdId = Guid.NewGuid();

    private static ReportLifecycle Forwarded(Guid id, params object[] more) => ReportLifecycle.Fold([TestEvents.Received(id), TestEvents.Forwarded(id), .. more])!;

    private static Decision Link(ReportLifecycle? report, ReportLifecycle? primary, Guid? primaryId = null) =>
        LinkAsDuplicate.Decide(report, primary, new LinkAsDuplicate(Id, primaryId ?? PrimaryId, "operator-7", Now));

    [Fact]
    public void Given_two_reports_at_their_station_When_one_is_linked_to_the_other_Then_it_is_a_duplicate_of_it()
    {
        var linked = Assert.IsType<ReportLinkedAsDuplicate>(Assert.Single(Link(Forwarded(Id), Forwarded(PrimaryId)).Events));

        Assert.Equal(PrimaryId, linked.DuplicateOf);
        Assert.Equal("operator-7", linked.Actor);
    }

    [Fact]
    public void A_report_cannot_be_a_duplicate_of_itself() =>
        Assert.Equal(RejectionKind.Invalid, Link(Forwarded(Id), Forwarded(Id), primaryId: Id).Rejection?.Kind);

    [Fact]
    public void A_report_cannot_be_a_duplicate_of_one_that_does_not_exist() =>
        Assert.Equal(RejectionKind.NotFound, Link(Forwarded(Id), null).Rejection?.Kind);

    [Fact]
    public void A_report_cannot_be_linked_to_a_duplicate_but_to_its_primary()
    {
        var decision = Link(Forwarded(Id), Forwarded(PrimaryId, new ReportLinkedAsDuplicate(PrimaryId, ThirdId, "operator-1", Now)));

        Assert.Equal(RejectionKind.Conflict, decision.Rejection?.Kind);
        Assert.Contains(ThirdId.ToString(), decision.Rejection!.Detail);
    }

    [Fact]
    public void A_duplicate_cannot_be_linked_again_before_it_is_unlinked() =>
        Assert.Equal(RejectionKind.Conflict, Link(Forwarded(Id, new ReportLinkedAsDuplicate(Id, ThirdId, "operator-1", Now)), Forwarded(PrimaryId)).Rejection?.Kind);

    [Fact]
    public void A_silent_call_is_no_incident_to_be_a_duplicate_of() =>
        Assert.Equal(RejectionKind.Conflict, Link(Forwarded(Id), ReportLifecycle.Fold([TestEvents.Received(PrimaryId) with { CallType = CallType.Silent }])).Rejection?.Kind);

    [Fact]
    public void Given_a_duplicate_When_unlinked_Then_it_names_what_it_was_a_duplicate_of()
    {
        var unlinked = Assert.IsType<ReportUnlinked>(Assert.Single(UnlinkDuplicate.Decide(
            Forwarded(Id, new ReportLinkedAsDuplicate(Id, PrimaryId, "operator-1", Now)), new UnlinkDuplicate(Id, "supervisor-1", Now)).Events));

        Assert.Equal(PrimaryId, unlinked.WasDuplicateOf);
    }

    [Fact]
    public void Given_a_report_that_is_not_a_duplicate_When_unlinked_Then_conflict() =>
        Assert.Equal(RejectionKind.Conflict, UnlinkDuplicate.Decide(Forwarded(Id), new UnlinkDuplicate(Id, "supervisor-1", Now)).Rejection?.Kind);
}
