using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Intake.Reports.ReceivingReport;

/// <summary>An operator records a call. Already validated: see <see cref="ReportRequestValidator"/>.</summary>
public sealed record ReceiveReport(
    Guid ReportId,
    string TrackingCode,
    Caller Caller,
    IncidentLocation Location,
    string Category,
    string Description,
    DateTimeOffset? IncidentAt,
    string Operator,
    DateTimeOffset Now)
{
    public static Decision Decide(IntakeReport? existing, ReceiveReport command) =>
        existing is not null
            ? Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} already exists.")
            : Decision.Append(new ReportReceived(
                command.ReportId,
                command.TrackingCode,
                command.Caller,
                command.Location,
                command.Category,
                Categories.Priorities[command.Category],
                command.Description,
                command.IncidentAt,
                command.Operator,
                command.Now));
}
