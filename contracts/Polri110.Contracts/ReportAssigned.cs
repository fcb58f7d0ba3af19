namespace Polri110.Contracts;

/// <summary>Dispatch: the station handed the report to a Polsek and, optionally, an officer there.</summary>
public sealed record ReportAssigned(
    Guid ReportId,
    string PolresId,
    string PolsekId,
    Officer? Officer,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
