namespace Polri110.Contracts;

/// <summary>Intake: the same incident as another report. Reversible by <see cref="ReportUnlinked"/>.</summary>
public sealed record ReportLinkedAsDuplicate(
    Guid ReportId,
    Guid DuplicateOf,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
