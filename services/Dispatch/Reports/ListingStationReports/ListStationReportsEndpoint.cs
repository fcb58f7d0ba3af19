using Marten;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Dispatch.Reports.ListingStationReports;

public static class ListStationReportsEndpoint
{
    /// <summary>
    /// A station's reports: open ones (with it and not yet resolved) by default, most urgent first. For a Polsek, the
    /// reports its Polres assigned to it.
    /// </summary>
    public static void MapListStationReports(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/stations/{polresId}/reports", async (string polresId, string? status, IQuerySession session,
        CancellationToken cancellationToken) =>
            {
                if (status is not (null or "open" or "all"))
                {
                    return Problems.Invalid(new Dictionary<string, string[]> { ["status"] = ["open (the default) or all."] });
                }

                var reports = session.Query<StationReport>().Where(report => report.PolresId == polresId || report.PolsekId == polresId);
                if (status != "all")
                {
                    // The capitalised statuses are those of reports projected before the one lifecycle, which lack the flag.
                    reports = reports.Where(report => report.OpenAtStation
                                                      || report.Status == "Forwarded" || report.Status == "Acknowledged" || report.Status == "Assigned");
                }

                return Results.Ok(await reports.OrderBy(report => report.Priority).ThenBy(report => report.ReceivedAt).Take(1000).ToListAsync(cancellationToken));
            })
            .WithName("ListStationReports")
            .RequireOwnStation()
            .Produces<IReadOnlyList<StationReport>>();
}
