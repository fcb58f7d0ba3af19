using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Dispatch.Reports.FlaggingAsPrank;

public sealed record PrankRequest(PrankKind? Kind, string? Note);

public static class FlagAsPrankEndpoint
{
    public static void MapFlagAsPrank(this RouteGroupBuilder station) => station.MapPost("/prank", Handle).WithName("FlagReportAsPrank");

    private static async Task<IResult> Handle(
        string polresId, Guid reportId, PrankRequest request, HttpContext http, ReportStreams streams, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Kind is null)
        {
            errors["kind"] = ["Required: prank, silent, misdial or abusive."];
        }

        TextInput.Optional(errors, "note", request.Note, 1000, "what made it a prank");

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var actor = Actors.Of(http);
        var command = new FlagAsPrank(reportId, polresId, request.Kind!.Value, request.Note, actor, clock.GetUtcNow());
        var decision = await streams.DecideAsync<DispatchReport>(
            reportId, CommandContext.FromRequest(http, actor), report => FlagAsPrank.Decide(report, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
