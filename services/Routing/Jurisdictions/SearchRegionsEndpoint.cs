using Polri110.Jurisdictions.Regions;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Routing.Jurisdictions;

public static class SearchRegionsEndpoint
{
    private const int MaxResults = 50;

    /// <summary>The operator console's autocomplete: "tangerang" finds the regency, the city and their districts.</summary>
    public static void MapSearchRegions(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/regions", (string? q, int? limit, RegionDirectory regions) =>
                q is null || q.Length > 100 || q.Any(char.IsControl) || q.Count(char.IsLetterOrDigit) < 2
                    ? Problems.Invalid(new Dictionary<string, string[]> { ["q"] = ["Required: up to 100 characters of a region's name, at least 2 of them letters or digits."] })
                    : Results.Ok(regions.Search(q, Math.Clamp(limit ?? 20, 1, MaxResults))))
            .WithName("SearchRegions")
            .RequireAuthorization()
            .Produces<IReadOnlyList<RegionMatch>>()
            .ProducesValidationProblem();
}
