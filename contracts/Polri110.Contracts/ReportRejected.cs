namespace Polri110.Contracts;

/// <summary>Dispatch: the station says the report is not in its jurisdiction; Routing re-routes it.</summary>
public sealed record ReportRejected(
    Guid ReportId,
    string PolresId,
    string Reason,
    string? SuggestedRegionCode,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
