using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Dispatch.Reports.Resolving;

public sealed record ResolveRequest(string? Outcome, string? Summary);

public static class ResolveReportEndpoint
{
    public static void MapResolveReport(this RouteGroupBuilder station) => station.MapPost("/resolve", Handle).WithName("ResolveReport");

    private static async Task<IResult> Handle(
        string polresId, Guid reportId, ResolveRequest request, HttpContext http, ReportStreams streams, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        TextInput.Require(errors, "outcome", request.Outcome, 100, "how it ended");
        TextInput.Require(errors, "summary", request.Summary, 4000, "what was done");
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var actor = Actors.Of(http);
        var command = new ResolveReport(reportId, polresId, request.Outcome!, request.Summary!, actor, clock.GetUtcNow());
        var decision = await streams.DecideAsync<DispatchReport>(
            reportId, CommandContext.FromRequest(http, actor), report => ResolveReport.Decide(report, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
