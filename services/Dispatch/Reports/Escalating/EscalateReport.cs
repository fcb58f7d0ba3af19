using Polri110.Contracts;
using Polri110.Dispatch.Sla;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.Escalating;

/// <summary>
/// Time has passed: if the report missed a deadline, it climbs the chain of command. Deciding from the stream
/// (with optimistic concurrency on the append) is what makes each level happen exactly once, however many
/// Dispatch instances look at the clock.
/// </summary>
public sealed record EscalateReport(Guid ReportId, string Actor, DateTimeOffset Now)
{
    public static Decision Decide(DispatchReport? report, EscalateReport command, SlaPolicy policy)
    {
        if (report?.Clock.Next(policy) is not { } due || due.Due > command.Now || report.Forwarding is not { } forwarding)
        {
            return Decision.Nothing;
        }

        var escalatedTo = due.Level == 1 ? $"Kapolres of {forwarding.PolresName}" : $"Kapolda of {forwarding.PoldaName}";
        return Decision.Append(new ReportEscalated(
            report.Id, forwarding.PolresId, due.Level, escalatedTo, due.MissedDeadline, due.Due, report.Owner, command.Actor, command.Now));
    }
}
