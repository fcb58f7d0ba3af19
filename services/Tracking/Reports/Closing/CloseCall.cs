using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Tracking.Reports.Closing;

/// <summary>
/// A call that was not an incident (prank, silent, misdial, abusive, information) is recorded for the caller's
/// history and closed at once: nobody is sent anywhere.
/// </summary>
public sealed record CloseCall(Guid ReportId, string Actor, DateTimeOffset Now)
{
    public static Decision Decide(ReportLifecycle? report, CloseCall command) => report switch
    {
        null => Decision.Reject(RejectionKind.NotFound, $"Report {command.ReportId} does not exist."),
        // Incidents close only once resolved; a redelivered ReportReceived finds the call closed already.
        { CallType: CallType.Incident } or { Status: ReportStatus.Closed } => Decision.Nothing,
        _ => Decision.Append(new ReportClosed(command.ReportId, ReasonFor(report.CallType), command.Actor, command.Now)),
    };

    public static string ReasonFor(CallType callType) => callType switch
    {
        CallType.Information => "Information call: answered on the line.",
        _ => $"{callType} call: recorded for the caller's history, not routed.",
    };
}
