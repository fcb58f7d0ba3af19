using JasperFx;
using Marten;
using Marten.Exceptions;
using Polri110.ServiceDefaults.Auth;

namespace Polri110.Dispatch.Stations;

/// <summary>How many times an admin has issued a station's credentials (id: the Polres or Polsek id).</summary>
public sealed record StationCredentialGeneration(string Id, int Generation);

/// <summary>
/// Each issuing of a station's credentials starts a new generation, carried by the token issued with it; only tokens
/// of the current generation are accepted. Kept in the store, so every Dispatch instance refuses an old token at once.
/// </summary>
public sealed class StationGenerations(IDocumentStore store) : IStationCredentialGenerations
{
    private const int Attempts = 10;

    public static void Configure(StoreOptions options) =>
        options.Schema.For<StationCredentialGeneration>().UseOptimisticConcurrency(true);

    public async Task<int> CurrentAsync(string stationId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<StationCredentialGeneration>(stationId, cancellationToken))?.Generation ?? 0;
    }

    /// <summary>Starts the station's next generation, which from now on is the only one accepted.</summary>
    public async Task<int> NextAsync(string stationId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var current = await session.LoadAsync<StationCredentialGeneration>(stationId, cancellationToken);
            var next = new StationCredentialGeneration(stationId, (current?.Generation ?? 0) + 1);
            if (current is null)
            {
                session.Insert(next);
            }
            else
            {
                session.Update(next);
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
                return next.Generation;
            }
            catch (Exception e) when ((e is ConcurrencyException or DocumentAlreadyExistsException) && attempt < Attempts)
            {
                // Another admin (or instance) issued the same station's credentials meanwhile: count from theirs.
            }
        }
    }
}
