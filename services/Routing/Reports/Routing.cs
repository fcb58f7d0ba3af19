using Polri110.Contracts;
using Polri110.Jurisdictions.Map;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Routing.Reports;

/// <summary>The one routing rule every path shares: forward to the Polres that answers for the region, or send to triage.</summary>
public static class Routing
{
    /// <summary>Why a report whose caller could not say where it happened waits in triage.</summary>
    public const string NoRegion = "No region: the caller could not say where it happened.";

    public static Decision ForwardOrFail(
        RoutingReport report, string? regionCode, Func<string, Jurisdiction?> resolve, string mapVersion, string actor, DateTimeOffset now, string? reason)
    {
        var jurisdiction = regionCode is null ? null : resolve(regionCode);
        string? failure = jurisdiction switch
        {
            null when regionCode is null => NoRegion,
            null => $"Region {regionCode} is not a region known to jurisdiction map {mapVersion}.",
            { Polres: null } => $"Region {regionCode} is a whole province ({jurisdiction.Polda.Name}); no single Polres answers for it.",
            { Polres: { } polres } when report.RejectedBy.Contains(polres.Id) => $"{polres.Name} answers for region {regionCode} but has rejected the report.",
            _ => null,
        };

        if (failure is not null)
        {
            return Decision.Append(new ReportRoutingFailed(
                report.Id, regionCode, reason is null ? failure : $"{reason} {failure}", jurisdiction?.MapVersion ?? mapVersion, actor, now));
        }

        return Decision.Append(new ReportForwarded(
            report.Id, regionCode!, jurisdiction!.Polres!.Id, jurisdiction.Polres.Name, jurisdiction.Polda.Id, jurisdiction.Polda.Name,
            jurisdiction.MapVersion, actor, now, reason, jurisdiction.Polsek?.Id, jurisdiction.Polsek?.Name));
    }
}
