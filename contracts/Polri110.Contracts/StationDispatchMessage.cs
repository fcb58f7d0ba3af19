namespace Polri110.Contracts;

/// <summary>
/// The plain-JSON message a Polres duty desk reads from its queue <c>dispatch.&lt;polres-id&gt;</c> (SPEC §6).
/// A public interface: stations in any language parse it, so fields are only ever added, never renamed.
/// <paramref name="MessageId"/> is stable across redeliveries: stations de-duplicate on it. <paramref name="Type"/> is
/// <see cref="StationMessageTypes.Dispatched"/>, or <see cref="StationMessageTypes.Reopened"/> when the caller called back
/// (then <paramref name="ForwardedAt"/> is when it came back, <paramref name="AcknowledgeBy"/> a fresh deadline, and
/// <paramref name="Reason"/> what the caller said). <paramref name="SuggestedPolsekId"/> names the Polsek the jurisdiction
/// map gives for the place. On a Polsek's own queue the type is <see cref="StationMessageTypes.Assigned"/>, with
/// <paramref name="PolsekId"/> and the <paramref name="AssignedOfficer"/> if the Polres named one.
/// </summary>
public sealed record StationDispatchMessage(
    string MessageId,
    Guid ReportId,
    string TrackingCode,
    Priority Priority,
    string Category,
    string Description,
    IncidentLocation Location,
    Caller Caller,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? IncidentAt,
    DateTimeOffset ForwardedAt,
    DateTimeOffset AcknowledgeBy,
    string PolresId,
    string PolresName,
    string PoldaId,
    string PoldaName,
    string Type = StationMessageTypes.Dispatched,
    string? Reason = null,
    string? SuggestedPolsekId = null,
    string? SuggestedPolsekName = null,
    string? PolsekId = null,
    Officer? AssignedOfficer = null);
