using Marten;
using Microsoft.AspNetCore.Http;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.ServiceDefaults.Privacy;

/// <summary>
/// One reading of a caller's personal data through the API: who, in which role, of which report or which caller
/// (<see cref="CallerKey"/>, never the number), through which endpoint, when. SPEC §11: reading personal data is
/// itself an audited act. An audit record: the database refuses to change or delete it.
/// </summary>
public sealed record PersonalDataRead(
    Guid Id, Guid? ReportId, string? CallerKey, string Actor, string Role, string Endpoint, DateTimeOffset At, string CorrelationId);

public static class PersonalDataReads
{
    /// <summary>For every service that records readings: the same table, indexes and append-only protection.</summary>
    public static AuditDocument AuditRecord { get; } = new(typeof(PersonalDataRead));

    public static void Configure(StoreOptions options) =>
        options.Schema.For<PersonalDataRead>().Index(read => read.ReportId).Index(read => read.CallerKey);

    /// <summary>
    /// Records the reading of a report's personal data before it is served: the record commits first, and if it
    /// cannot be stored the request fails (503) instead of serving the data unrecorded.
    /// </summary>
    public static Task RecordReportAsync(
        HttpContext http, IDocumentSession session, Guid reportId, string endpoint, TimeProvider clock,
        CancellationToken cancellationToken) =>
        RecordAsync(http, session, reportId, callerKey: null, endpoint, clock, cancellationToken);

    /// <summary>As <see cref="RecordReportAsync"/>, for the reading of one caller's history.</summary>
    public static Task RecordCallerAsync(
        HttpContext http, IDocumentSession session, string callerKey, string endpoint, TimeProvider clock,
        CancellationToken cancellationToken) =>
        RecordAsync(http, session, reportId: null, callerKey, endpoint, clock, cancellationToken);

    private static async Task RecordAsync(
        HttpContext http, IDocumentSession session, Guid? reportId, string? callerKey, string endpoint, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var actor = Actors.Of(http);
        var role = http.User.FindFirst(Roles.RoleClaim)?.Value ?? "unknown";
        var now = clock.GetUtcNow();
        session.Insert(new PersonalDataRead(
            Guid.CreateVersion7(now), reportId, callerKey, actor, role, endpoint, now,
            CommandContext.FromRequest(http, actor).CorrelationId));
        await session.SaveChangesAsync(cancellationToken);
    }
}
