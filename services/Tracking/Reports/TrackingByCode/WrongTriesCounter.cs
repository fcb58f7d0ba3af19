using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Hosting;

namespace Polri110.Tracking.Reports.TrackingByCode;

/// <summary>Counts tries per tracking code in the store, so that the cap holds across addresses and Tracking instances.</summary>
public sealed class WrongTriesCounter(
    SharedDocuments documents, PublicLookupKey key, IOptions<WrongTriesPolicy> policy, TimeProvider clock)
{
    public static void Configure(StoreOptions store) =>
        store.Schema.For<WrongTries>().UseOptimisticConcurrency(true).Index(tries => tries.WindowEndsAt);

    public async Task<TryClaim> ClaimAsync(string trackingCode, CancellationToken cancellationToken)
    {
        var id = key.CounterIdOf(trackingCode);
        try
        {
            return await documents.ChangeAsync<WrongTries, TryClaim>(
                id, current => WrongTries.Claim(current, id, clock.GetUtcNow(), policy.Value), cancellationToken);
        }
        catch (ConcurrencyException)
        {
            // Still racing other tries at the same code after the retries: refuse rather than check uncounted.
            return new TryClaim(null, TimeSpan.FromSeconds(1));
        }
    }

    public async Task RefundAsync(string trackingCode, DateTimeOffset countedUntil, CancellationToken cancellationToken)
    {
        try
        {
            await documents.ChangeAsync<WrongTries, bool>(
                key.CounterIdOf(trackingCode), current => WrongTries.Refund(current, countedUntil), cancellationToken);
        }
        catch (ConcurrencyException)
        {
            // The caller's right answer stays counted: stricter, never looser.
        }
    }
}

/// <summary>Removes the counts of windows that have passed, so probing many codes does not grow the table for good.</summary>
public sealed class WrongTriesSweeper(
    IDocumentStore store, IOptions<WrongTriesPolicy> policy, TimeProvider clock, ILogger<WrongTriesSweeper> logger)
    : ClockWatch(policy.Value.SweepInterval, clock, logger)
{
    protected override string Doing => "Removing passed windows of wrong lookup tries";

    protected override async Task LookAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.DeleteWhere<WrongTries>(tries => tries.WindowEndsAt <= now);
        await session.SaveChangesAsync(cancellationToken);
    }
}
