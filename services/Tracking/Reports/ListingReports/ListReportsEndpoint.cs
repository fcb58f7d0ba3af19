using Polri110.Contracts;
using Marten;
using Marten.Pagination;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Tracking.Reports.ListingReports;

public sealed record ReportPage(IReadOnlyList<ReportSummary> Items, int Page, int PageSize, long Total);

public static class ListReportsEndpoint
{
    public const int MaxPageSize = 200;

    public const int MaxPage = 10_000;

    private static readonly HashSet<string> Statuses = typeof(ReportStatus).GetFields()
        .Select(field => (string)field.GetValue(null)!)
        .ToHashSet();

    /// <summary>Supervisors' and auditors' view across reports: filtered, newest first (ties by id), a page at a time.</summary>
    public static void MapListReports(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports", async (
                string? status, string? polres, string? polda, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
                IQuerySession session, CancellationToken cancellationToken) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (status is not null && !Statuses.Contains(status))
                {
                    errors["status"] = [$"One of: {string.Join(", ", Statuses.Order())}."];
                }

                if (from > to)
                {
                    errors["from"] = ["Must not be after 'to'."];
                }

                if (page is < 1 or > MaxPage)
                {
                    errors["page"] = [$"1 to {MaxPage}; narrow the filters to reach older reports."];
                }

                if (pageSize is < 1 or > MaxPageSize)
                {
                    errors["pageSize"] = [$"1 to {MaxPageSize}."];
                }

                if (errors.Count > 0)
                {
                    return Problems.Invalid(errors);
                }

                var query = session.Query<ReportSummary>().AsQueryable();
                if (status is not null)
                {
                    query = query.Where(report => report.Status == status);
                }

                if (polres is not null)
                {
                    query = query.Where(report => report.PolresId == polres);
                }

                if (polda is not null)
                {
                    query = query.Where(report => report.PoldaId == polda);
                }

                if (from is { } since)
                {
                    query = query.Where(report => report.ReceivedAt >= since);
                }

                if (to is { } until)
                {
                    query = query.Where(report => report.ReceivedAt <= until);
                }

                var size = pageSize ?? 50;
                var reports = await query.OrderByDescending(report => report.ReceivedAt).ThenBy(report => report.Id).ToPagedListAsync(page ?? 1, size, cancellationToken);
                return Results.Ok(new ReportPage(
                    reports.ToList(), page ?? 1, size, reports.TotalItemCount));
            })
            .WithName("ListReports")
            .RequireRole(Roles.Supervisor, Roles.Auditor)
            .Produces<ReportPage>()
            .ProducesValidationProblem();
}
