using Polri110.Console.Live;
using Polri110.Contracts;

namespace Polri110.Console.Station;

/// <summary>
/// Which report changes a station's open list may have to show, so that its page re-reads for its own reports, not for
/// every event in the country: an event naming the station (a report forwarded to it, assigned to it as a Polsek,
/// acknowledged, rejected, escalated or resolved there), any change to a report it lists (withdrawn as a duplicate or
/// prank), and a report coming back to some station (reopened, or unlinked as a duplicate), whose event names none.
/// </summary>
public static class StationChanges
{
    public static bool Concern(ReportChange change, string stationId, IReadOnlySet<Guid> listed) =>
        change.PolresId == stationId
        || change.PolsekId == stationId
        || change.EventType is nameof(ReportReopened) or nameof(ReportUnlinked)
        || listed.Contains(change.ReportId);
}
