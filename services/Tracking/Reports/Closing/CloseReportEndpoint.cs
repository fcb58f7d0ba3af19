using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Tracking.Reports.Closing;

public sealed record CloseRequest(string? Reason);

public static class CloseReportEndpoint
{
    public static void MapCloseReport(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/reports/{reportId:guid}/close", Handle)
            .WithName("CloseReport")
            .RequireRole(Roles.Supervisor)
            .Produces<ReportClosed>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> Handle(
        Guid reportId, CloseRequest request, HttpContext http, ReportStreams reports, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        TextInput.Require(errors, "reason", request.Reason, 1000, "why it is closed now");
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var context = CommandContext.FromRequest(http, Actors.Of(http));
        var command = new CloseReport(reportId, request.Reason!, context.Actor, clock.GetUtcNow());
        var decision = await reports.DecideAsync<ReportLifecycle>(
            reportId, context, report => CloseReport.Decide(report, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
