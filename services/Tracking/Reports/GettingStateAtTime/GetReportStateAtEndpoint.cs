using Marten;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Tracking.Reports.GettingStateAtTime;

public static class GetReportStateAtEndpoint
{
    /// <summary>
    /// The report as it stood at a moment, for auditors: the same summary, folded from the events committed up to
    /// then (read from the event store itself, so it does not depend on the read model being current).
    /// </summary>
    public static void MapGetReportStateAt(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/{reportId:guid}/state", async (Guid reportId, DateTimeOffset? at, IQuerySession session, CancellationToken cancellationToken) =>
            {
                if (at is null)
                {
                    return Problems.Invalid(new Dictionary<string, string[]> { ["at"] = ["Required: the moment to show, ISO 8601 with offset, e.g. 2026-11-28T13:05:00+07:00."] });
                }

                var state = await session.Events.AggregateStreamAsync<ReportSummary>(reportId, timestamp: at.Value.ToUniversalTime(), token: cancellationToken);
                return state is null
                    ? Problems.NotFound($"Report {reportId} did not exist at {at.Value:O}.")
                    : Results.Ok(state);
            })
            .WithName("GetReportStateAt")
            .RequireRole(Roles.Auditor)
            .Produces<ReportSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
