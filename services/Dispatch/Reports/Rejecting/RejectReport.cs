using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.Rejecting;

/// <summary>The station says the report is not in its jurisdiction; Routing then sends it on (or to triage).</summary>
public sealed record RejectReport(Guid ReportId, string PolresId, string Reason, string? SuggestedRegionCode, string Actor, DateTimeOffset Now)
{
    public static Decision Decide(DispatchReport? report, RejectReport command)
    {
        if (!DispatchReport.IsActionableBy(report, command.ReportId, command.PolresId, out var refusal))
        {
            return refusal;
        }

        return report.Status switch
        {
            ReportStatus.Forwarded or ReportStatus.Acknowledged or ReportStatus.Assigned => Decision.Append(new ReportRejected(
                command.ReportId, command.PolresId, command.Reason, command.SuggestedRegionCode, command.Actor, command.Now)),
            _ => Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} is {report.Status} and cannot be rejected."),
        };
    }
}
