using Marten;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Stations;

/// <summary>How many times an admin has issued a station's credentials (id: the Polres or Polsek id).</summary>
public sealed record StationCredentialGeneration(string Id, int Generation);

/// <summary>
/// Each issuing of a station's credentials starts a new generation, carried by the token issued with it; only tokens
/// of the current generation are accepted. Kept in the store, so every Dispatch instance refuses an old token at once.
/// </summary>
public sealed class StationGenerations(IDocumentStore store, SharedDocuments documents) : IStationCredentialGenerations
{
    public static void Configure(StoreOptions options) =>
        options.Schema.For<StationCredentialGeneration>().UseOptimisticConcurrency(true);

    public async Task<int> CurrentAsync(string stationId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<StationCredentialGeneration>(stationId, cancellationToken))?.Generation ?? 0;
    }

    /// <summary>
    /// Starts the station's next generation, which from now on is the only one accepted. Two admins (or instances)
    /// issuing at once get distinct generations: the later write counts from the earlier one's.
    /// </summary>
    public async Task<int> NextAsync(string stationId, CancellationToken cancellationToken) =>
        await documents.ChangeAsync<StationCredentialGeneration, int>(stationId, current =>
        {
            var next = new StationCredentialGeneration(stationId, (current?.Generation ?? 0) + 1);
            return (next, next.Generation);
        }, cancellationToken);
}
