namespace Polri110.Contracts;

/// <summary>
/// On a station's queue (SPEC §6): stop working on a report that was dispatched to it; it was flagged as a prank
/// (<paramref name="Reason"/> is the kind: prank, silent, misdial, abusive) or linked as a duplicate (<paramref name="Reason"/>
/// <c>duplicate</c>, <paramref name="DuplicateOf"/> the report it duplicates). Carries no personal data. A public interface like <see cref="StationDispatchMessage"/>: fields are only ever added.
/// </summary>
public sealed record StationWithdrawalMessage(
    string MessageId,
    Guid ReportId,
    string TrackingCode,
    string PolresId,
    string Reason,
    string? Note,
    string WithdrawnBy,
    DateTimeOffset WithdrawnAt,
    string Type = StationMessageTypes.Withdrawn,
    Guid? DuplicateOf = null);
