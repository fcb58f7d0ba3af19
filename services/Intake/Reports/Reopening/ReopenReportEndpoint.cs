using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Intake.Reports.Reopening;

public sealed record ReopenRequest(string? Reason);

public static class ReopenReportEndpoint
{
    public static void MapReopenReport(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/reports/{reportId:guid}/reopen", Handle)
            .WithName("ReopenReport")
            .RequireRole(Roles.Operator, Roles.Supervisor)
            .Produces<ReportReopened>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> Handle(
        Guid reportId, ReopenRequest request, HttpContext http, ReportStreams reports, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        TextInput.Require(errors, "reason", request.Reason, 1000, "what the caller said");
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var context = CommandContext.FromRequest(http, Actors.Of(http));
        var command = new ReopenReport(reportId, request.Reason!, context.Actor, clock.GetUtcNow());
        var decision = await reports.DecideAsync<ReportLifecycle>(
            reportId, context, report => ReopenReport.Decide(report, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
