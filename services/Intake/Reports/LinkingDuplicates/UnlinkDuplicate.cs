using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Intake.Reports.LinkingDuplicates;

/// <summary>The link was a mistake: the report goes back to its station (a fresh dispatch) or to routing or triage.</summary>
public sealed record UnlinkDuplicate(Guid ReportId, string Actor, DateTimeOffset Now)
{
    public static Decision Decide(ReportLifecycle? report, UnlinkDuplicate command) => report switch
    {
        null => Decision.Reject(RejectionKind.NotFound, $"Report {command.ReportId} does not exist."),
        { DuplicateOf: { } primary } => Decision.Append(new ReportUnlinked(command.ReportId, primary, command.Actor, command.Now)),
        _ => Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} is not linked as a duplicate."),
    };
}
