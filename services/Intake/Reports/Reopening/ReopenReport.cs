using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Intake.Reports.Reopening;

/// <summary>
/// The caller calls back: what the station resolved is not resolved after all. The report goes back to the same
/// station with a fresh SLA clock, owned by the station until an officer acknowledges it again.
/// </summary>
public sealed record ReopenReport(Guid ReportId, string Reason, string Actor, DateTimeOffset Now)
{
    public static Decision Decide(ReportLifecycle? report, ReopenReport command) => report switch
    {
        null => Decision.Reject(RejectionKind.NotFound, $"Report {command.ReportId} does not exist."),
        { Status: ReportStatus.Resolved or ReportStatus.Closed, PolresId: not null, FlaggedAs: null } =>
            Decision.Append(new ReportReopened(command.ReportId, command.Reason, command.Actor, command.Now)),
        { Status: ReportStatus.Closed } => Decision.Reject(
            RejectionKind.Conflict, $"Report {command.ReportId} was closed without a station resolving it ({CallTypes.NameOf(report.CallType)}): record a new call instead."),
        _ => Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} is {report.Status}: only a resolved or closed report can be reopened."),
    };
}
