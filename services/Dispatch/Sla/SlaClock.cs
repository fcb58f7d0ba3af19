using Polri110.Contracts;

namespace Polri110.Dispatch.Sla;

public static class Deadlines
{
    public const string Acknowledge = "acknowledge";
    public const string Resolve = "resolve";
}

/// <summary>The next escalation a report is heading for: its level, the deadline it is about, and when it falls due.</summary>
public sealed record DueEscalation(int Level, string MissedDeadline, DateTimeOffset Due);

/// <summary>
/// Where a report stands against its SLA, and the one rule for when it escalates. Pure: the decider and the
/// station's read model both ask it, so the list a station sees and the escalations it gets never disagree.
/// </summary>
/// <param name="ReceivedAt">When the clock started: the report's receipt, or its return to the station (reopened by the
/// caller, or unlinked as a duplicate), which starts a fresh clock.</param>
/// <param name="Open">With a station and not resolved or withdrawn (<see cref="ReportLifecycle.IsOpenAtStation"/>).</param>
public sealed record SlaClock(
    Priority Priority,
    DateTimeOffset ReceivedAt,
    bool Acknowledged,
    bool Open,
    int EscalationLevel,
    DateTimeOffset? LastEscalatedAt,
    string? LastMissedDeadline)
{
    public static SlaClock Start(Priority priority, DateTimeOffset at) =>
        new(priority, at, Acknowledged: false, Open: false, EscalationLevel: 0, LastEscalatedAt: null, LastMissedDeadline: null);

    /// <summary>The clock after an event, given the lifecycle after it: the one rule every Dispatch model follows.</summary>
    public SlaClock Then(object e, ReportLifecycle lifecycle) => (e switch
    {
        ReportReopened or ReportUnlinked when lifecycle.IsOpenAtStation => Start(Priority, ((IReportEvent)e).OccurredAt),
        ReportForwarded => this with { Acknowledged = false },
        ReportAcknowledged => this with { Acknowledged = true },
        ReportEscalated escalated => this with
        {
            EscalationLevel = escalated.Level, LastEscalatedAt = escalated.OccurredAt, LastMissedDeadline = escalated.MissedDeadline,
        },
        _ => this,
    }) with { Open = lifecycle.IsOpenAtStation };

    public DateTimeOffset AcknowledgeBy(SlaPolicy policy) => ReceivedAt + policy.AcknowledgeWithin(Priority);

    public DateTimeOffset ResolveBy(SlaPolicy policy) => ReceivedAt + policy.ResolveWithin(Priority);

    public DueEscalation? Next(SlaPolicy policy)
    {
        if (!Open)
        {
            return null;
        }

        return EscalationLevel switch
        {
            // Level 1, to the Kapolres: the first deadline missed.
            0 => Acknowledged
                ? new DueEscalation(1, Deadlines.Resolve, ResolveBy(policy))
                : new DueEscalation(1, Deadlines.Acknowledge, AcknowledgeBy(policy)),
            // Level 2, to the Kapolda: still not acknowledged, or acknowledged but not resolved, after the grace period;
            // a report acknowledged late climbs again only if it also misses its resolve deadline.
            1 when !Acknowledged || LastMissedDeadline == Deadlines.Resolve =>
                new DueEscalation(2, Acknowledged ? Deadlines.Resolve : Deadlines.Acknowledge, LastEscalatedAt!.Value + policy.KapoldaAfter(Priority)),
            1 => new DueEscalation(2, Deadlines.Resolve, Max(ResolveBy(policy), LastEscalatedAt!.Value + policy.KapoldaAfter(Priority))),
            _ => null,
        };
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
