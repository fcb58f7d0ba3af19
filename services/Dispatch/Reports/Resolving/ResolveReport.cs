using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.Resolving;

/// <summary>The station, or the Polsek it assigned the report to, records how the report ended.</summary>
public sealed record ResolveReport(Guid ReportId, string PolresId, string Outcome, string Summary, string Actor, DateTimeOffset Now)
{
    public static Decision Decide(DispatchReport? report, ResolveReport command)
    {
        if (!DispatchReport.IsActionableBy(report, command.ReportId, command.PolresId, out var refusal, polsekMayAct: true))
        {
            return refusal;
        }

        return report.Status switch
        {
            ReportStatus.Acknowledged or ReportStatus.Assigned => Decision.Append(
                new ReportResolved(command.ReportId, report.Lifecycle.PolresId!, command.Outcome, command.Summary, command.Actor, command.Now)),
            ReportStatus.Forwarded => Decision.Reject(RejectionKind.Conflict,
                $"Report {command.ReportId} must be acknowledged by a named officer before it is resolved."),
            _ => Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} is {report.Status} and cannot be resolved."),
        };
    }
}
