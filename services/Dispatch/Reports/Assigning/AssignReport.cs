using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.Assigning;

/// <summary>The station hands a report it owns to one of its Polsek and, optionally, an officer there.</summary>
public sealed record AssignReport(Guid ReportId, string PolresId, string PolsekId, Officer? Officer, string Actor, DateTimeOffset Now)
{
    /// <param name="polresOfPolsek">The Polres a Polsek belongs to, or null for an unknown Polsek.</param>
    public static Decision Decide(DispatchReport? report, AssignReport command, Func<string, string?> polresOfPolsek)
    {
        if (!DispatchReport.IsActionableBy(report, command.ReportId, command.PolresId, out var refusal))
        {
            return refusal;
        }

        if (polresOfPolsek(command.PolsekId) != command.PolresId)
        {
            return Decision.Reject(RejectionKind.Invalid, $"{command.PolsekId} is not a Polsek of {command.PolresId}.");
        }

        return report.Status switch
        {
            ReportStatus.Acknowledged or ReportStatus.Assigned => Decision.Append(
                new ReportAssigned(command.ReportId, command.PolresId, command.PolsekId, command.Officer, command.Actor, command.Now)),
            ReportStatus.Forwarded => Decision.Reject(RejectionKind.Conflict,
                $"Report {command.ReportId} must be acknowledged by a named officer before it is assigned."),
            _ => Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} is {report.Status} and cannot be assigned."),
        };
    }
}
