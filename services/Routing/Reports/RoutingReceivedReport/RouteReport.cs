using Polri110.Contracts;
using Polri110.Jurisdictions.Map;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Routing.Reports.RoutingReceivedReport;

/// <summary>Send a newly received report to the Polres whose jurisdiction covers its region.</summary>
public sealed record RouteReport(Guid ReportId, string Actor, DateTimeOffset Now)
{
    /// <param name="resolve">The jurisdiction lookup for today's map; null for a code that names no region.</param>
    public static Decision Decide(RoutingReport? report, RouteReport command, Func<string, Jurisdiction?> resolve, string mapVersion)
    {
        if (report is null)
        {
            return Decision.Reject(RejectionKind.NotFound, $"Report {command.ReportId} does not exist.");
        }

        // Only incidents are routed. Routed already (a redelivered ReportReceived) or flagged since: nothing to do.
        if (report.CallType != CallType.Incident || report.Status != RoutingStatus.AwaitingRouting)
        {
            return Decision.Nothing;
        }

        return Routing.ForwardOrFail(report, report.RegionCode, resolve, mapVersion, command.Actor, command.Now, reason: null);
    }
}
