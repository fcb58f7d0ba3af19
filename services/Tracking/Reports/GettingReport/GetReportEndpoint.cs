using Marten;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Tracking.Reports.GettingReport;

public static class GetReportEndpoint
{
    public static void MapGetReport(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/{reportId:guid}", async (Guid reportId, IQuerySession session, CancellationToken cancellationToken) =>
                await session.LoadAsync<ReportSummary>(reportId, cancellationToken) is { } summary
                    ? Results.Ok(summary)
                    : Problems.NotFound($"No report {reportId} is known to Tracking (yet)."))
            .WithName("GetReport")
            .RequireRole(Roles.Operator, Roles.Supervisor, Roles.Auditor)
            .Produces<ReportSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
