using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Intake.Reports.ReceivingReport;

/// <summary>
/// An operator records a call, whatever it was. Already validated (see <see cref="ReportRequestValidator"/>), with the
/// caller's number normalised. A call that is not an incident is routine: nobody is sent, no deadline runs.
/// </summary>
public sealed record ReceiveReport(
    Guid ReportId,
    string TrackingCode,
    CallType CallType,
    Caller Caller,
    IncidentLocation Location,
    string? Category,
    string? Description,
    DateTimeOffset? IncidentAt,
    string Operator,
    DateTimeOffset Now)
{
    public Priority Priority => Category is not null && CallType == CallType.Incident ? Categories.Priorities[Category] : Priority.P3;

    public static Decision Decide(ReportLifecycle? existing, ReceiveReport command) =>
        existing is not null
            ? Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} already exists.")
            : Decision.Append(new ReportReceived(
                command.ReportId,
                command.TrackingCode,
                command.Caller,
                command.Location,
                command.Category,
                command.Priority,
                command.Description,
                command.IncidentAt,
                command.Operator,
                command.Now,
                command.CallType));
}
