using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Intake.Reports.LinkingDuplicates;

/// <summary>
/// Another caller reported the same incident: the report is linked to the one already being worked on (the primary) and
/// withdrawn from its station. Reversible (<see cref="UnlinkDuplicate"/>).
/// </summary>
public sealed record LinkAsDuplicate(Guid ReportId, Guid PrimaryId, string Actor, DateTimeOffset Now)
{
    public static Decision Decide(ReportLifecycle? report, ReportLifecycle? primary, LinkAsDuplicate command) => (report, primary) switch
    {
        _ when command.ReportId == command.PrimaryId => Decision.Reject(RejectionKind.Invalid, "A report cannot be a duplicate of itself."),
        (null, _) => Decision.Reject(RejectionKind.NotFound, $"Report {command.ReportId} does not exist."),
        (_, null) => Decision.Reject(RejectionKind.NotFound, $"Report {command.PrimaryId} does not exist."),
        ({ DuplicateOf: { } other }, _) => Decision.Reject(
            RejectionKind.Conflict, $"Report {command.ReportId} is already a duplicate of {other}: unlink it first."),
        (_, { DuplicateOf: { } primaryOfPrimary }) => Decision.Reject(
            RejectionKind.Conflict, $"Report {command.PrimaryId} is itself a duplicate: link to {primaryOfPrimary} instead."),
        ({ CallType: not CallType.Incident }, _) or (_, { CallType: not CallType.Incident }) => Decision.Reject(
            RejectionKind.Conflict, "Only incidents are linked as duplicates; a call that was not one is closed already."),
        ({ Status: ReportStatus.Resolved or ReportStatus.Closed or ReportStatus.FlaggedAsPrank }, _) => Decision.Reject(
            RejectionKind.Conflict, $"Report {command.ReportId} is {report.Status}: there is nothing left to withdraw."),
        _ => Decision.Append(new ReportLinkedAsDuplicate(command.ReportId, command.PrimaryId, command.Actor, command.Now)),
    };
}
