using Marten;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.Http;
using Polri110.ServiceDefaults.Privacy;

namespace Polri110.Tracking.Reports.GettingHistory;

/// <summary>One committed event as an auditor sees it.</summary>
public sealed record HistoryEntry(
    long Version,
    long Sequence,
    Guid EventId,
    string Type,
    DateTimeOffset Timestamp,
    string? Actor,
    string? CorrelationId,
    string? CausationId,
    object Data);

public static class GetReportHistoryEndpoint
{
    /// <summary>Every event of the report in stream order, read from the event store itself, not from a read model.</summary>
    public static void MapGetReportHistory(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/{reportId:guid}/history", async (
                Guid reportId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var events = await session.Events.FetchStreamAsync(reportId, token: cancellationToken);
                if (events.Count == 0)
                {
                    return Problems.NotFound($"No report {reportId} exists.");
                }

                // The history carries the caller's name and number (ReportReceived): who read them is recorded first.
                await PersonalDataReads.RecordReportAsync(http, session, reportId, "GET /api/reports/{id}/history", clock, cancellationToken);
                return Results.Ok(events.Select(e => new HistoryEntry(
                    e.Version, e.Sequence, e.Id, e.EventType.Name, e.Timestamp, e.UserName, e.CorrelationId, e.CausationId, e.Data)));
            })
            .WithName("GetReportHistory")
            .RequireRole(Roles.Auditor, Roles.Supervisor)
            .Produces<HistoryEntry[]>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
