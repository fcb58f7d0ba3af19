namespace Polri110.Contracts;

/// <summary>Intake: the caller called back; the matter is not resolved after all.</summary>
public sealed record ReportReopened(
    Guid ReportId,
    string Reason,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
