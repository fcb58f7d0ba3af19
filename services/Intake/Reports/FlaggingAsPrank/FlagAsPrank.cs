using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Intake.Reports.FlaggingAsPrank;

/// <summary>
/// An operator or supervisor finds, after the fact, that a call was a prank, silent, a misdial or abuse. If the report
/// reached a station, Dispatch withdraws it there; either way it counts in the caller's history.
/// </summary>
public sealed record FlagAsPrank(Guid ReportId, PrankKind Kind, string? Note, string Actor, DateTimeOffset Now)
{
    public static Decision Decide(ReportLifecycle? report, FlagAsPrank command) => report switch
    {
        null => Decision.Reject(RejectionKind.NotFound, $"Report {command.ReportId} does not exist."),
        { FlaggedAs: { } kind } => Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} is already flagged ({CallTypes.NameOf(kind)})."),
        { CallType: not (CallType.Incident or CallType.Information) } => Decision.Reject(
            RejectionKind.Conflict, $"Report {command.ReportId} was recorded as a {CallTypes.NameOf(report.CallType)} call already."),
        _ => Decision.Append(new ReportFlaggedAsPrank(command.ReportId, command.Kind, command.Note, command.Actor, command.Now)),
    };
}
