namespace Polri110.Contracts;

/// <summary>Dispatch: a named officer at the station took ownership of the report.</summary>
public sealed record ReportAcknowledged(
    Guid ReportId,
    string PolresId,
    Officer Officer,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
