using System.Text.Json.Serialization;

namespace Polri110.Contracts;

/// <summary>
/// What a call to 110 turned out to be (SPEC §4). Every call is recorded as a report; only incidents are routed
/// to a station, the others are closed at once and count in the caller's history. Written in lower case wherever it is
/// JSON (the API, the event store, the bus), as SPEC §4 names them.
/// </summary>
public enum CallType
{
    [JsonStringEnumMemberName("incident")]
    Incident,

    [JsonStringEnumMemberName("prank")]
    Prank,

    [JsonStringEnumMemberName("silent")]
    Silent,

    [JsonStringEnumMemberName("misdial")]
    Misdial,

    [JsonStringEnumMemberName("abusive")]
    Abusive,

    /// <summary>A question answered on the line.</summary>
    [JsonStringEnumMemberName("information")]
    Information,
}
