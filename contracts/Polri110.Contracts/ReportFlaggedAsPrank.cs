namespace Polri110.Contracts;

/// <summary>Intake or Dispatch: the call was a prank, a silent call or a misdial.</summary>
public sealed record ReportFlaggedAsPrank(
    Guid ReportId,
    PrankKind Kind,
    string? Note,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
