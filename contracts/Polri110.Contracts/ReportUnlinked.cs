namespace Polri110.Contracts;

/// <summary>Intake: a duplicate link was a mistake and is undone.</summary>
public sealed record ReportUnlinked(
    Guid ReportId,
    Guid WasDuplicateOf,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
