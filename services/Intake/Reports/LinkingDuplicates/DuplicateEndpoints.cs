using Marten;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;
using Polri110.ServiceDefaults.Privacy;

namespace Polri110.Intake.Reports.LinkingDuplicates;

public static class DuplicateEndpoints
{
    public static void MapDuplicates(this IEndpointRouteBuilder app)
    {
        var report = app.MapGroup("/api/reports/{reportId:guid}")
            .RequireRole(Roles.Operator, Roles.Supervisor)
            .ProducesProblem(StatusCodes.Status404NotFound);
        report.MapGet("/possible-duplicates", Find).WithName("GetPossibleDuplicates").Produces<IReadOnlyList<PossibleDuplicate>>();
        report.MapPost("/duplicate-of/{primaryId:guid}", Link).WithName("LinkAsDuplicate")
            .Produces<ReportLinkedAsDuplicate>().ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();
        report.MapDelete("/duplicate-of", Unlink).WithName("UnlinkDuplicate")
            .Produces<ReportUnlinked>().ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Find(Guid reportId, IQuerySession session, CallerKey callerKey, CancellationToken cancellationToken)
    {
        // The report itself is read from its stream: a call saved a moment ago may not be in the index yet.
        var events = reportId == Guid.Empty ? [] : await session.Events.FetchStreamAsync(reportId, token: cancellationToken);
        return events is [{ Data: ReportReceived received }, ..]
            ? Results.Ok(await PossibleDuplicates.FindAsync(session, received, callerKey, cancellationToken))
            : Problems.NotFound($"Report {reportId} does not exist.");
    }

    private static async Task<IResult> Link(
        Guid reportId, Guid primaryId, HttpContext http, ReportStreams reports, TimeProvider clock, CancellationToken cancellationToken)
    {
        var context = CommandContext.FromRequest(http, Actors.Of(http));
        var command = new LinkAsDuplicate(reportId, primaryId, context.Actor, clock.GetUtcNow());
        // The primary is only read: linking appends to the duplicate's stream alone.
        var primary = await reports.ReadAsync<ReportLifecycle>(primaryId, cancellationToken);
        var decision = await reports.DecideAsync<ReportLifecycle>(
            reportId, context, report => LinkAsDuplicate.Decide(report, primary, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }

    private static async Task<IResult> Unlink(Guid reportId, HttpContext http, ReportStreams reports, TimeProvider clock,
    CancellationToken cancellationToken)
    {
        var context = CommandContext.FromRequest(http, Actors.Of(http));
        var command = new UnlinkDuplicate(reportId, context.Actor, clock.GetUtcNow());
        var decision = await reports.DecideAsync<ReportLifecycle>(
            reportId, context, report => UnlinkDuplicate.Decide(report, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
