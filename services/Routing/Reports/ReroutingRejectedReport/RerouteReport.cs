using Polri110.Contracts;
using Polri110.Jurisdictions.Map;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Routing.Reports.ReroutingRejectedReport;

/// <summary>
/// A station said a report is not theirs: forward it to the Polres of the region the station suggests (or of the
/// report's own region), never back to a station that rejected it; if none fits, the supervisors triage it.
/// </summary>
public sealed record RerouteReport(Guid ReportId, string RejectedBy, string Reason, string? SuggestedRegionCode, string Actor, DateTimeOffset Now)
{
    public static Decision Decide(RoutingReport? report, RerouteReport command, Func<string, Jurisdiction?> resolve, string mapVersion)
    {
        if (report is null)
        {
            return Decision.Reject(RejectionKind.NotFound, $"Report {command.ReportId} does not exist.");
        }

        // Re-routed already (a redelivered ReportRejected), or overtaken by a later decision.
        if (report.Status != RoutingStatus.RejectedByStation || report.RejectedBy[^1] != command.RejectedBy)
        {
            return Decision.Nothing;
        }

        return Routing.ForwardOrFail(
            report, command.SuggestedRegionCode ?? report.RegionCode, resolve, mapVersion, command.Actor, command.Now,
            reason: $"Rejected by {command.RejectedBy}: {command.Reason}.");
    }
}
