using System.Security.Cryptography;
using System.Text;
using System.Globalization;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Tracking.Audit;

/// <summary>
/// A report's hash chain: <see cref="Hashes"/>[n-1] seals event version n together with everything before it.
/// Altering, removing or reordering a sealed event breaks every hash from that version on.
/// </summary>
public sealed record ReportSeal(Guid Id, IReadOnlyList<string> Hashes);

/// <summary>
/// How one event extends a report's chain: SHA-256 over the previous hash, the event's metadata and its data exactly as
/// stored (PostgreSQL's canonical text of the jsonb column), so a key slipped into the stored JSON is caught, and a
/// contract that later gains a property does not change the hashes of what was sealed before.
/// </summary>
public static class ReportChain
{
    public static string Next(string? previous, IEvent e, string storedData)
    {
        var sealedText = string.Join('\n',
            previous ?? "",
            e.Id.ToString(),
            e.StreamId.ToString(),
            e.Version.ToString(CultureInfo.InvariantCulture),
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.EventTypeName,
            e.Timestamp.ToUniversalTime().ToString("O"),
            e.UserName ?? "",
            e.CorrelationId ?? "",
            e.CausationId ?? "",
            storedData);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sealedText)));
    }

    /// <summary>
    /// The stored data of the given events, by event id. Found by sequence number, mt_events' primary key: Marten keeps no
    /// index on the event id, and a search by id read the whole table for every page sealed (5.8 ms a page on a
    /// store of ~13,000 events, ~90 ms on one of 136,000, growing with every report ever taken).
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> StoredDataAsync(IQuerySession session, IEnumerable<IEvent> events, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<StoredData>(
            $"select json_build_object('id', id, 'data', data::text) from {EventStoreSetup.Schema}.mt_events where seq_id = ANY(?)",
            cancellationToken,
            events.Select(e => e.Sequence).ToArray());
        return rows.ToDictionary(row => row.Id, row => row.Data);
    }

    private sealed record StoredData(Guid Id, string Data);
}

/// <summary>
/// Seals every committed event into its report's chain, in commit order, run by Tracking's async daemon (one
/// leader). The seals commit in the same transaction as the subscription's progress, so each event is sealed
/// exactly once, within a poll of its commit.
/// </summary>
public sealed class ReportSealer : SubscriptionBase
{
    public const string SubscriptionName = "report-seals";

    /// <summary>Where the daemon records how far the sealer has come (highest sequence sealed).</summary>
    public const string ProgressName = SubscriptionName + ":All";

    public ReportSealer()
    {
        Name = SubscriptionName;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var streams = page.Events.Select(e => e.StreamId).Distinct().ToArray();
        var stored = await ReportChain.StoredDataAsync(operations, page.Events, cancellationToken);
        var seals = (await operations.LoadManyAsync<ReportSeal>(cancellationToken, streams)).ToDictionary(seal => seal.Id, seal => seal.Hashes.ToList());
        foreach (var e in page.Events)
        {
            var hashes = seals.TryGetValue(e.StreamId, out var known) ? known : seals[e.StreamId] = [];
            if (e.Version <= hashes.Count)
            {
                continue; // Sealed already.
            }

            if (e.Version > hashes.Count + 1)
            {
                // An earlier version never reached this subscription (the daemon skips a sequence gap that stays open
                // past its threshold, even if the event commits later): seal it from the stream first, in order.
                var earlier = (await operations.Events.FetchStreamAsync(e.StreamId, version: e.Version - 1, token: cancellationToken))
                    .Where(missing => missing.Version > hashes.Count).OrderBy(missing => missing.Version).ToList();
                var earlierData = await ReportChain.StoredDataAsync(operations, earlier, cancellationToken);
                foreach (var missing in earlier)
                {
                    hashes.Add(ReportChain.Next(hashes.LastOrDefault(), missing, earlierData[missing.Id]));
                }
            }

            hashes.Add(ReportChain.Next(hashes.LastOrDefault(), e, stored[e.Id]));
        }

        foreach (var (reportId, hashes) in seals)
        {
            operations.Store(new ReportSeal(reportId, hashes));
        }

        return NullChangeListener.Instance;
    }
}
