using Marten;
using Polri110.ServiceDefaults.Auth;
using Polri110.Tracking.Reports;

namespace Polri110.Tracking.Stations;

public static class GetStationPerformanceEndpoint
{
    public static void MapGetStationPerformance(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/stations/{polresId}/performance", async (string polresId, IQuerySession session, CancellationToken cancellationToken) =>
                Results.Ok(StationPerformance.Of(
                    polresId,
                    await session.Query<ReportSummary>().Where(report => report.PolresId == polresId).ToListAsync(cancellationToken))))
            .WithName("GetStationPerformance")
            .RequireRole(Roles.Supervisor, Roles.Auditor)
            .Produces<StationPerformance>();
}
