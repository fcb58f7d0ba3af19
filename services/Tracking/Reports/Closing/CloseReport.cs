using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Tracking.Reports.Closing;

/// <summary>
/// A resolved report is closed: by a supervisor, or by Tracking once it has stayed resolved for the closing delay
/// (<see cref="ClosingPolicy.After"/>) without the caller calling back. Closing anything not resolved is refused.
/// </summary>
/// <param name="ResolvedBefore">For the automatic closing: close only what was resolved before then; null for a supervisor.</param>
public sealed record CloseReport(Guid ReportId, string Reason, string Actor, DateTimeOffset Now, DateTimeOffset? ResolvedBefore = null)
{
    public static Decision Decide(ReportLifecycle? report, CloseReport command) => report switch
    {
        null => Decision.Reject(RejectionKind.NotFound, $"Report {command.ReportId} does not exist."),
        { Status: ReportStatus.Resolved } when command.ResolvedBefore is not { } before || report.Since <= before =>
            Decision.Append(new ReportClosed(command.ReportId, command.Reason, command.Actor, command.Now)),
        // Reopened, closed by a supervisor or by another Tracking instance meanwhile: the timer has nothing to do.
        _ when command.ResolvedBefore is not null => Decision.Nothing,
        _ => Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} is {report.Status}: only a resolved report can be closed."),
    };
}
