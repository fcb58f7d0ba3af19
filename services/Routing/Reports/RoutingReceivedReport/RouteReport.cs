using Polri110.Contracts;
using Polri110.Routing.Jurisdictions;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Routing.Reports.RoutingReceivedReport;

/// <summary>Send a newly received report to the Polres whose jurisdiction covers its region.</summary>
public sealed record RouteReport(Guid ReportId, string Actor, DateTimeOffset Now)
{
    /// <param name="resolve">The jurisdiction lookup; pure for a given map version.</param>
    public static Decision Decide(RoutingReport? report, RouteReport command, Func<string, Jurisdiction?> resolve, string mapVersion)
    {
        if (report is null)
        {
            return Decision.Reject(RejectionKind.NotFound, $"Report {command.ReportId} does not exist.");
        }

        // Routed already: a redelivered ReportReceived changes nothing.
        if (report.Status != RoutingStatus.AwaitingRouting)
        {
            return Decision.Nothing;
        }

        return resolve(report.RegionCode) is { } jurisdiction
            ? Decision.Append(new ReportForwarded(
                report.Id, report.RegionCode, jurisdiction.Polres.Id, jurisdiction.Polres.Name, jurisdiction.Polda.Id, jurisdiction.Polda.Name,
                jurisdiction.MapVersion, command.Actor, command.Now))
            : Decision.Append(new ReportRoutingFailed(
                report.Id, report.RegionCode, $"No Polres covers region {report.RegionCode}.", mapVersion, command.Actor, command.Now));
    }
}
