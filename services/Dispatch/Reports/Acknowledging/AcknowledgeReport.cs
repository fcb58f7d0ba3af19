using Polri110.Contracts;
using Polri110.Dispatch.Sla;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.Acknowledging;

/// <summary>A named officer at the station takes ownership of a report in its queue.</summary>
public sealed record AcknowledgeReport(Guid ReportId, string PolresId, Officer Officer, DateTimeOffset Now)
{
    public static Decision Decide(DispatchReport? report, AcknowledgeReport command, SlaPolicy policy)
    {
        if (!DispatchReport.IsActionableBy(report, command.ReportId, command.PolresId, out var refusal))
        {
            return refusal;
        }

        return report.Status switch
        {
            ReportStatus.Forwarded => Decision.Append(new ReportAcknowledged(
                command.ReportId, command.PolresId, command.Officer, command.Officer.Nrp, command.Now, report.Clock.AcknowledgeBy(policy))),
            ReportStatus.Acknowledged or ReportStatus.Assigned => Decision.Reject(RejectionKind.Conflict,
                $"Report {command.ReportId} was already acknowledged by {report.Acknowledgement!.Officer.Nrp} at {report.Acknowledgement.OccurredAt:O}."),
            _ => Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} is {report.Status} and cannot be acknowledged."),
        };
    }
}
