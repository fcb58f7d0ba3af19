using Polri110.Jurisdictions.Map;
using Polri110.Jurisdictions.Regions;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Routing.Jurisdictions;

public sealed record RegionLevelName(string Code, string Name, string Level);

public sealed record ResolvedJurisdiction(
    string RegionCode,
    IReadOnlyList<RegionLevelName> Regions,
    PoliceUnit Polda,
    PoliceUnit? Polres,
    PoliceUnit? Polsek,
    string MapVersion);

public static class ResolveJurisdictionEndpoint
{
    public static void MapResolveJurisdiction(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/jurisdictions/resolve", (string? region, RegionDirectory regions, JurisdictionLookup lookup) =>
            {
                if (!RegionCode.IsWellFormed(region))
                {
                    return Problems.Invalid(new Dictionary<string, string[]>
                    {
                        ["region"] = ["Required: a Kemendagri region code such as 36, 36.71, 36.71.01 or 36.71.01.1001."],
                    });
                }

                if (regions.Find(region!) is not { } found || lookup.Resolve(region!) is not { } jurisdiction)
                {
                    return Problems.NotFound($"Region {region} is not a region of Indonesia known to map {lookup.MapVersion}.");
                }

                return Results.Ok(new ResolvedJurisdiction(
                    found.Code,
                    regions.Lineage(found).Select(r => new RegionLevelName(r.Code, r.Name, r.Level.ToString().ToLowerInvariant())).ToList(),
                    jurisdiction.Polda,
                    jurisdiction.Polres,
                    jurisdiction.Polsek,
                    jurisdiction.MapVersion));
            })
            .WithName("ResolveJurisdiction")
            .RequireAuthorization()
            .Produces<ResolvedJurisdiction>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
