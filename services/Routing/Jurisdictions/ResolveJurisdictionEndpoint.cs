using Polri110.ServiceDefaults.Http;

namespace Polri110.Routing.Jurisdictions;

public static class ResolveJurisdictionEndpoint
{
    public static void MapResolveJurisdiction(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/jurisdictions/resolve", (string? region, JurisdictionMap map) =>
                string.IsNullOrWhiteSpace(region)
                    ? Problems.Invalid(new Dictionary<string, string[]> { ["region"] = ["Required: a region code such as 36.71.01.1001."] })
                    : map.Resolve(region) is { } jurisdiction
                        ? Results.Ok(jurisdiction)
                        : Problems.NotFound($"No Polres covers region {region} in jurisdiction map {map.Version}."))
            .WithName("ResolveJurisdiction")
            .Produces<Jurisdiction>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
