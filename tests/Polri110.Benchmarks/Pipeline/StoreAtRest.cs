using System.Diagnostics;
using Npgsql;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>Waits for the running system to come to rest, so the next measurement starts from nothing in flight.</summary>
public static class StoreAtRest
{
    /// <summary>
    /// Until no new event came for 3 s (Tracking has closed every call that is not an incident, Routing and Dispatch have
    /// done their part) and the daemons' shards named like <paramref name="shards"/> (Intake's per-caller projection, or
    /// all of them: "%") have processed every committed event. The rows named HighWater… are the daemons' own
    /// bookkeeping, not shards.
    /// </summary>
    public static async Task WaitAsync(string postgres, string shards, TimeSpan timeout)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var head = new NpgsqlCommand("SELECT coalesce(max(seq_id), 0) FROM polri110.mt_events", connection);
        await using var done = new NpgsqlCommand(
            "SELECT coalesce(min(last_seq_id), 0) FROM polri110.mt_event_progression WHERE name LIKE $1 AND name NOT LIKE 'HighWater%'",
            connection) { Parameters = { new NpgsqlParameter { Value = shards } } };
        var clock = Stopwatch.StartNew();
        var (lastHead, quietSince) = (-1L, Stopwatch.StartNew());
        while (clock.Elapsed < timeout)
        {
            var committed = Convert.ToInt64(await head.ExecuteScalarAsync());
            if (committed != lastHead)
            {
                (lastHead, quietSince) = (committed, Stopwatch.StartNew());
            }
            else if (Convert.ToInt64(await done.ExecuteScalarAsync()) >= committed && quietSince.Elapsed > TimeSpan.FromSeconds(3))
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The system did not come to rest, or the daemons ({shards}) did not catch up with the store.");
    }
}
