using Polri110.Jurisdictions.Regions;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Dispatch.Reports.Rejecting;

public sealed record RejectRequest(string? Reason, string? SuggestedRegion);

public static class RejectReportEndpoint
{
    public static void MapRejectReport(this RouteGroupBuilder station) => station.MapPost("/reject", Handle).WithName("RejectReport");

    private static async Task<IResult> Handle(
        string polresId, Guid reportId, RejectRequest request, HttpContext http, ReportStreams streams, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        TextInput.Require(errors, "reason", request.Reason, 1000, "why the report is not this station's");
        if (request.SuggestedRegion is not null && !RegionCode.IsWellFormed(request.SuggestedRegion))
        {
            errors["suggestedRegion"] = ["A Kemendagri region code such as 36.03 or 36.03.01, or leave it out."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var actor = Actors.Of(http);
        var command = new RejectReport(reportId, polresId, request.Reason!, request.SuggestedRegion, actor, clock.GetUtcNow());
        var decision = await streams.DecideAsync<DispatchReport>(
            reportId, CommandContext.FromRequest(http, actor), report => RejectReport.Decide(report, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
