namespace Polri110.Contracts;

/// <summary>
/// Dispatch: a named officer at the station took ownership of the report. <paramref name="AcknowledgeBy"/> is the
/// SLA deadline that applied, so whether it was met can be read from the history alone.
/// </summary>
public sealed record ReportAcknowledged(
    Guid ReportId,
    string PolresId,
    Officer Officer,
    string Actor,
    DateTimeOffset OccurredAt,
    DateTimeOffset? AcknowledgeBy = null) : IReportEvent;
