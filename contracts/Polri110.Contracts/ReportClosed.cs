namespace Polri110.Contracts;

/// <summary>Tracking: closed after resolution, or as a prank or duplicate.</summary>
public sealed record ReportClosed(
    Guid ReportId,
    string Reason,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
