namespace Polri110.Contracts;

/// <summary>
/// What a call to 110 turned out to be (SPEC §4). Every call is recorded as a report; only incidents are routed
/// to a station, the others are closed at once and count in the caller's history.
/// </summary>
public enum CallType
{
    Incident,
    Prank,
    Silent,
    Misdial,
    Abusive,

    /// <summary>A question answered on the line.</summary>
    Information,
}
