using Npgsql;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>One report of a paced phase: posted when (wall clock, and s into the phase), and its POST→station ms.</summary>
public sealed record PostedReportTimes(Guid ReportId, DateTimeOffset Posted, double PostedAt, double ToStation);

/// <summary>
/// Where a report's time to the station went, from the event store's own timestamps (each event's transaction start,
/// PostgreSQL's clock, the same machine's): POST → Intake's append of ReportReceived, → Routing's append of
/// ReportForwarded, → the station queue. The restart benchmark prints them by 5 s so a stall shows which hop it is in.
/// </summary>
public static class StageTimes
{
    /// <summary>For each report, ms from its POST to its ReportReceived and to its ReportForwarded; a report without one is left out.</summary>
    public static async Task<Dictionary<Guid, (double Received, double Forwarded)>> ReadAsync(
        string connectionString, IReadOnlyDictionary<Guid, DateTimeOffset> postedAt)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("""
            SELECT stream_id,
                   min(timestamp) FILTER (WHERE type = 'report_received'),
                   min(timestamp) FILTER (WHERE type = 'report_forwarded')
            FROM polri110.mt_events WHERE stream_id = ANY($1) GROUP BY stream_id
            """, connection) { Parameters = { new() { Value = postedAt.Keys.ToArray() } } };
        var stages = new Dictionary<Guid, (double, double)>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.IsDBNull(1) || reader.IsDBNull(2))
            {
                continue;
            }

            var posted = postedAt[reader.GetGuid(0)];
            stages[reader.GetGuid(0)] = (
                (reader.GetFieldValue<DateTimeOffset>(1) - posted).TotalMilliseconds,
                (reader.GetFieldValue<DateTimeOffset>(2) - posted).TotalMilliseconds);
        }

        return stages;
    }
}
