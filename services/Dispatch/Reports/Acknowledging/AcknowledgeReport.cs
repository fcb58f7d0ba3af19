using Polri110.Contracts;
using Polri110.Dispatch.Sla;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.Acknowledging;

/// <summary>
/// A named officer at the station takes ownership of a report in its queue. <paramref name="Actor"/> is who sent it
/// (the token's subject: the desk or the person signed in); the officer it names is what they said, kept as data.
/// </summary>
public sealed record AcknowledgeReport(Guid ReportId, string PolresId, Officer Officer, string Actor, DateTimeOffset Now)
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
                command.ReportId, command.PolresId, command.Officer, command.Actor, command.Now, report.Clock.AcknowledgeBy(policy))),
            ReportStatus.Acknowledged or ReportStatus.Assigned => Decision.Reject(RejectionKind.Conflict,
                $"Report {command.ReportId} was already acknowledged by {report.Acknowledgement!.Officer.Nrp} at {report.Acknowledgement.OccurredAt:O}."),
            _ => Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} is {report.Status} and cannot be acknowledged."),
        };
    }
}
