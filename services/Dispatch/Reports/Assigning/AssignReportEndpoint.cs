using Polri110.Jurisdictions.Map;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Dispatch.Reports.Assigning;

public sealed record AssignRequest(string? PolsekId, OfficerRequest? Officer);

public static class AssignReportEndpoint
{
    public static void MapAssignReport(this RouteGroupBuilder station) => station.MapPost("/assign", Handle).WithName("AssignReport");

    private static async Task<IResult> Handle(
        string polresId, Guid reportId, AssignRequest request, HttpContext http, ReportStreams streams, JurisdictionMap map, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!StationInput.IsPolsekId(request.PolsekId))
        {
            errors["polsekId"] = ["Required: a Polsek id such as polsek-36-71-01."];
        }

        if (request.Officer is not null)
        {
            StationInput.RequireOfficer(errors, request.Officer);
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var actor = Actors.Of(http);
        var command = new AssignReport(reportId, polresId, request.PolsekId!, request.Officer?.ToOfficer(), actor, clock.GetUtcNow());
        var decision = await streams.DecideAsync<DispatchReport>(
            reportId, CommandContext.FromRequest(http, actor), report => AssignReport.Decide(report, command, map.PolresOfPolsek),
            cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
