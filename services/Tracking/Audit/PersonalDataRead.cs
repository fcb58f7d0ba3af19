using Marten;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Tracking.Audit;

/// <summary>
/// One reading of a caller's personal data (name, phone) through the API: who, in which role, of which report,
/// through which endpoint, when. SPEC §9: reading personal data is itself an audited act.
/// </summary>
public sealed record PersonalDataRead(Guid Id, Guid ReportId, string Actor, string Role, string Endpoint, DateTimeOffset At, string CorrelationId);

public static class PersonalDataReads
{
    /// <summary>
    /// Records the reading before the data is served: the record commits first, and if it cannot be stored the
    /// request fails (503) instead of serving the data unrecorded.
    /// </summary>
    public static async Task RecordAsync(HttpContext http, IDocumentSession session, Guid reportId, string endpoint, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = Actors.Of(http);
        var role = http.User.FindFirst(Roles.RoleClaim)?.Value ?? "unknown";
        var now = clock.GetUtcNow();
        session.Insert(new PersonalDataRead(Guid.CreateVersion7(now), reportId, actor, role, endpoint, now, CommandContext.FromRequest(http, actor).CorrelationId));
        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>For auditors: every recorded reading of one report's personal data, oldest first.</summary>
    public static void MapPersonalDataReads(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit/personal-data-reads", async (Guid? reportId, IQuerySession session, CancellationToken cancellationToken) =>
                reportId is null
                    ? Problems.Invalid(new Dictionary<string, string[]> { ["reportId"] = ["Required: the report whose readings to list."] })
                    : Results.Ok(await session.Query<PersonalDataRead>()
                        .Where(read => read.ReportId == reportId)
                        .OrderBy(read => read.At)
                        .ToListAsync(cancellationToken)))
            .WithName("ListPersonalDataReads")
            .RequireRole(Roles.Auditor)
            .Produces<PersonalDataRead[]>()
            .ProducesValidationProblem();
}
