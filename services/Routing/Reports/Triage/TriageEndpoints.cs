using Marten;
using Polri110.Jurisdictions.Regions;
using Polri110.Routing.Jurisdictions;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Routing.Reports.Triage;

public sealed record RouteFromTriageRequest(string? RegionCode, string? Reason);

public static class TriageEndpoints
{
    public static void MapTriage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/triage", async (IQuerySession session, CancellationToken cancellationToken) =>
                Results.Ok(await session.Query<TriageEntry>()
                    .Where(entry => entry.InTriage)
                    .OrderBy(entry => entry.Priority).ThenBy(entry => entry.SinceAt)
                    .Take(500)
                    .ToListAsync(cancellationToken)))
            .WithName("GetTriage")
            .RequireRole(Roles.Supervisor)
            .Produces<IReadOnlyList<TriageEntry>>();

        app.MapPost("/api/triage/{reportId:guid}/route", Route)
            .WithName("RouteFromTriage")
            .RequireRole(Roles.Supervisor)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Route(
        Guid reportId, RouteFromTriageRequest request, HttpContext http, ReportStreams reports, JurisdictionLookup jurisdictions, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!RegionCode.IsWellFormed(request.RegionCode))
        {
            errors["regionCode"] = ["Required: the Kemendagri code of the region the report belongs to."];
        }

        TextInput.Require(errors, "reason", request.Reason, 1000, "why this Polres");

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var supervisor = Actors.Of(http);
        var command = new RouteFromTriage(reportId, request.RegionCode!, request.Reason!, supervisor, clock.GetUtcNow());
        var decision = await reports.DecideAsync<RoutingReport>(
            reportId, CommandContext.FromRequest(http, supervisor), report => RouteFromTriage.Decide(report, command, jurisdictions.Resolve),
            cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
