using Polri110.Contracts;
using Polri110.Jurisdictions.Map;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Routing.Reports.Triage;

/// <summary>A supervisor decides where a report nobody could route belongs, and says why.</summary>
public sealed record RouteFromTriage(Guid ReportId, string RegionCode, string Reason, string Supervisor, DateTimeOffset Now)
{
    public static Decision Decide(RoutingReport? report, RouteFromTriage command, Func<string, Jurisdiction?> resolve)
    {
        if (report is null)
        {
            return Decision.Reject(RejectionKind.NotFound, $"Report {command.ReportId} does not exist.");
        }

        if (report.Status != RoutingStatus.InTriage)
        {
            return Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} is not waiting in triage (it is {report.Status}).");
        }

        if (resolve(command.RegionCode) is not { Polres: { } polres, Polda: var polda, MapVersion: var version, Polsek: var polsek })
        {
            return Decision.Reject(RejectionKind.Invalid, $"No single Polres answers for region {command.RegionCode}: choose a regency, district or village.");
        }

        // A supervisor may send it back to a station that rejected it: that is a decision on record, not a loop.
        return Decision.Append(new ReportForwarded(
            report.Id, command.RegionCode, polres.Id, polres.Name, polda.Id, polda.Name, version, command.Supervisor, command.Now,
            $"Routed from triage by {command.Supervisor}: {command.Reason}", polsek?.Id, polsek?.Name));
    }
}
