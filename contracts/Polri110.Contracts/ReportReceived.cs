namespace Polri110.Contracts;

/// <summary>
/// Intake: an operator recorded a call. Always the first event of a report's stream. Only an incident carries a
/// category and description for certain; other call types (<see cref="CallType"/>) need only the caller's number.
/// <paramref name="Caller"/>'s phone is normalised to E.164. Events recorded before call types existed read as incidents.
/// </summary>
public sealed record ReportReceived(
    Guid ReportId,
    string TrackingCode,
    Caller Caller,
    IncidentLocation Location,
    string? Category,
    Priority Priority,
    string? Description,
    DateTimeOffset? IncidentAt,
    string Actor,
    DateTimeOffset OccurredAt,
    CallType CallType = CallType.Incident) : IReportEvent;
