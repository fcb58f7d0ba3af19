namespace Polri110.Contracts;

/// <summary>Dispatch: an SLA deadline passed. Level 1 goes to the Kapolres, level 2 to the Kapolda.</summary>
public sealed record ReportEscalated(
    Guid ReportId,
    string PolresId,
    int Level,
    string EscalatedTo,
    string MissedDeadline,
    DateTimeOffset Deadline,
    string OwnerAtEscalation,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
