namespace Polri110.Contracts;

/// <summary>Dispatch: the station recorded the outcome.</summary>
public sealed record ReportResolved(
    Guid ReportId,
    string PolresId,
    string Outcome,
    string Summary,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
