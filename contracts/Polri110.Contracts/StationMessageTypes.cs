namespace Polri110.Contracts;

/// <summary>
/// The <c>type</c> every message on a station's queue carries (SPEC §6), so a desk knows what to do with it.
/// Stations de-duplicate on <c>messageId</c> whatever the type.
/// </summary>
public static class StationMessageTypes
{
    /// <summary>A report to act on: first forwarding, re-routing, or an unlinked duplicate coming back.</summary>
    public const string Dispatched = "report.dispatched";

    /// <summary>Flagged as a prank or linked as a duplicate: stop working on it.</summary>
    public const string Withdrawn = "report.withdrawn";

    /// <summary>The caller called back: act again, with a fresh deadline.</summary>
    public const string Reopened = "report.reopened";

    /// <summary>Another caller reported the same incident, linked to this report as a duplicate: here is who.</summary>
    public const string CallerAdded = "report.caller-added";

    /// <summary>On a Polsek's queue: its Polres assigned it the report (SPEC §6, the second hop).</summary>
    public const string Assigned = "report.assigned";
}
