namespace Polri110.Contracts;

/// <summary>Routing: no jurisdiction covers the report's region, or it has none; it waits on the supervisors' triage list.</summary>
public sealed record ReportRoutingFailed(
    Guid ReportId,
    string? RegionCode,
    string Reason,
    string JurisdictionMapVersion,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
