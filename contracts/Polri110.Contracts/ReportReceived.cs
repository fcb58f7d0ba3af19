namespace Polri110.Contracts;

/// <summary>Intake: an operator recorded a call. Always the first event of a report's stream.</summary>
public sealed record ReportReceived(
    Guid ReportId,
    string TrackingCode,
    Caller Caller,
    IncidentLocation Location,
    string Category,
    Priority Priority,
    string Description,
    DateTimeOffset? IncidentAt,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
