using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace Polri110.Tracking.Audit;

/// <summary>
/// A report's hash chain: <see cref="Hashes"/>[n-1] seals event version n together with everything before it.
/// Altering, removing or reordering a sealed event breaks every hash from that version on.
/// </summary>
public sealed record ReportSeal(Guid Id, IReadOnlyList<string> Hashes);

/// <summary>How one event extends a report's chain: SHA-256 over the previous hash and the event with its metadata.</summary>
public static class ReportChain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Next(string? previous, IEvent e)
    {
        var sealedText = string.Join('\n',
            previous ?? "",
            e.Id.ToString(),
            e.StreamId.ToString(),
            e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.EventTypeName,
            e.Timestamp.ToUniversalTime().ToString("O"),
            e.UserName ?? "",
            e.CorrelationId ?? "",
            e.CausationId ?? "",
            JsonSerializer.Serialize(e.Data, e.EventType, Json));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sealedText)));
    }
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
                var earlier = await operations.Events.FetchStreamAsync(e.StreamId, version: e.Version - 1, token: cancellationToken);
                foreach (var missing in earlier.Where(missing => missing.Version > hashes.Count).OrderBy(missing => missing.Version))
                {
                    hashes.Add(ReportChain.Next(hashes.LastOrDefault(), missing));
                }
            }

            hashes.Add(ReportChain.Next(hashes.LastOrDefault(), e));
        }

        foreach (var (reportId, hashes) in seals)
        {
            operations.Store(new ReportSeal(reportId, hashes));
        }

        return NullChangeListener.Instance;
    }
}
