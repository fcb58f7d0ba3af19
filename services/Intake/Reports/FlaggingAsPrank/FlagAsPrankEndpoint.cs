using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Intake.Reports.FlaggingAsPrank;

/// <param name="Kind">prank, silent, misdial or abusive.</param>
public sealed record FlagAsPrankRequest(string? Kind, string? Note);

public static class FlagAsPrankEndpoint
{
    public static void MapFlagAsPrank(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/reports/{reportId:guid}/prank", Handle)
            .WithName("FlagReportAsPrank")
            .RequireRole(Roles.Operator, Roles.Supervisor)
            .Produces<ReportFlaggedAsPrank>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> Handle(
        Guid reportId, FlagAsPrankRequest request, HttpContext http, ReportStreams reports, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CallTypes.TryParseName<PrankKind>(request.Kind, out var kind))
        {
            errors["kind"] = [$"Required, one of: {string.Join(", ", CallTypes.PrankKindNames)}."];
        }

        TextInput.Optional(errors, "note", request.Note, 1000, "what made it a prank");

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var context = CommandContext.FromRequest(http, Actors.Of(http));
        var command = new FlagAsPrank(reportId, kind, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note, context.Actor, clock.GetUtcNow());
        var decision = await reports.DecideAsync<ReportLifecycle>(
            reportId, context, report => FlagAsPrank.Decide(report, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
