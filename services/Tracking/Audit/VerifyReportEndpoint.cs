using Marten;
using Npgsql;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Tracking.Audit;

/// <param name="Sealed">How many of the events the chain covers; events committed in the last moments may not be sealed yet.</param>
/// <param name="FirstBrokenVersion">The first event version whose stored seal no longer matches, if any.</param>
/// <param name="Head">The chain's last sealed hash: kept outside the system, it also proves the seals were not rewritten.</param>
public sealed record ChainVerification(Guid ReportId, bool Intact, int Events, int Sealed, long? FirstBrokenVersion, string? Head, string Detail);

public static class VerifyReportEndpoint
{
    /// <summary>Recomputes a report's hash chain from the events as they are stored now and compares it with the seals.</summary>
    public static void MapVerifyReport(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit/verify", async (Guid? reportId, IQuerySession session, NpgsqlDataSource database, CancellationToken cancellationToken) =>
            {
                if (reportId is not { } id)
                {
                    return Problems.Invalid(new Dictionary<string, string[]> { ["reportId"] = ["Required: the report to verify."] });
                }

                var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
                var seal = await session.LoadAsync<ReportSeal>(id, cancellationToken);
                if (events.Count == 0 && seal is null)
                {
                    return Problems.NotFound($"No report {id} exists.");
                }

                var stored = await ReportChain.StoredDataAsync(session, events, cancellationToken);
                return Results.Ok(Verify(id, events, stored, seal?.Hashes ?? [], await SealedUpToAsync(database, cancellationToken)));
            })
            .WithName("VerifyReport")
            .RequireRole(Roles.Auditor)
            .Produces<ChainVerification>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>The highest event sequence the sealer has passed: every event at or below it must have its seal.</summary>
    private static async Task<long> SealedUpToAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"select last_seq_id from {EventStoreSetup.Schema}.mt_event_progression where name = '{ReportSealer.ProgressName}'");
        return await command.ExecuteScalarAsync(cancellationToken) is long sealedUpTo ? sealedUpTo : 0;
    }

    public static ChainVerification Verify(
        Guid reportId, IReadOnlyList<JasperFx.Events.IEvent> fetched, IReadOnlyDictionary<Guid, string> storedData, IReadOnlyList<string> seals, long sealedUpTo)
    {
        var events = fetched.OrderBy(e => e.Version).ToList(); // the chain runs in version order, whatever order the store returns
        string? previous = null;
        for (var i = 0; i < seals.Count; i++)
        {
            if (i >= events.Count)
            {
                return new ChainVerification(reportId, false, events.Count, seals.Count, i + 1, seals[^1],
                    $"{seals.Count - events.Count} sealed event(s) from version {events.Count + 1} on are missing from the store.");
            }

            var e = events[i];
            var expected = e.Version == i + 1 ? ReportChain.Next(previous, e, storedData[e.Id]) : null;
            if (expected != seals[i])
            {
                return new ChainVerification(reportId, false, events.Count, seals.Count, i + 1, seals[^1],
                    $"Event version {i + 1} differs from what was sealed: it was altered, removed or reordered after it was committed.");
            }

            previous = expected;
        }

        if (events.Skip(seals.Count).FirstOrDefault(e => e.Sequence <= sealedUpTo) is { } unsealedBehind)
        {
            return new ChainVerification(reportId, false, events.Count, seals.Count, unsealedBehind.Version, seals.LastOrDefault(),
                $"Event version {unsealedBehind.Version} lies behind the sealer's position but has no seal: its seal was removed, or the event "
                + "committed so late that the daemon had already skipped its sequence number (then the read models missed it too).");
        }

        var unsealed = events.Count - seals.Count;
        return new ChainVerification(reportId, true, events.Count, seals.Count, null, previous,
            unsealed == 0 ? "Every event matches its seal." : $"Every sealed event matches; the last {unsealed} are not sealed yet (sealing follows commits within a second).");
    }
}
