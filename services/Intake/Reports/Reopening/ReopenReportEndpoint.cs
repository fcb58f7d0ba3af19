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
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 1000
            || request.Reason.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return Problems.Invalid(new Dictionary<string, string[]>
            {
                ["reason"] = ["Required: what the caller said, 1 to 1000 characters, without control characters."],
            });
        }

        var context = CommandContext.FromRequest(http, Actors.Of(http));
        var command = new ReopenReport(reportId, request.Reason, context.Actor, clock.GetUtcNow());
        var decision = await reports.DecideAsync<ReportLifecycle>(
            reportId, context, report => ReopenReport.Decide(report, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
