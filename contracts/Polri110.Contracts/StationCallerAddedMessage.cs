namespace Polri110.Contracts;

/// <summary>
/// On a station's queue (SPEC §6): another caller reported an incident the station is already working on, and an operator
/// linked that call to it as a duplicate. Carries the extra caller, so the desk can call them back too. Its type is
/// <see cref="StationMessageTypes.CallerAdded"/>; a public interface: fields are only ever added.
/// </summary>
/// <param name="ReportId">The report the station is working on (the primary).</param>
/// <param name="DuplicateReportId">The extra caller's own report, now linked to it.</param>
public sealed record StationCallerAddedMessage(
    string MessageId,
    Guid ReportId,
    string TrackingCode,
    string PolresId,
    Guid DuplicateReportId,
    string DuplicateTrackingCode,
    Caller Caller,
    string? Description,
    IncidentLocation Location,
    DateTimeOffset ReceivedAt,
    DateTimeOffset LinkedAt,
    string Type = StationMessageTypes.CallerAdded);
