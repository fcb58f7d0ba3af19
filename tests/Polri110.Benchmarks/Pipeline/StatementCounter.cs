using Npgsql;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>
/// Statements the services send to the event store, counted by pg_stat_statements (loaded by scripts/infra.sh and
/// the cluster's Patroni; the view lives in the schema <c>stats</c>). Every top-level statement counts, BEGIN and
/// COMMIT included, and the daemons' polling too: that is what a report costs the database.
/// </summary>
public sealed class StatementCounter(string connectionString)
{
    /// <summary>Statements run so far by the services' role in the store's database; null where pg_stat_statements is missing.</summary>
    public async Task<long?> TotalAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("""
                SELECT coalesce(sum(calls), 0)::bigint FROM stats.pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND userid = (SELECT oid FROM pg_roles WHERE rolname = 'polri110_service')
                """, connection);
            return (long)(await count.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName
                                               or PostgresErrorCodes.ObjectNotInPrerequisiteState)
        {
            return null;
        }
    }

    /// <summary>
    /// Every statement the services' role has run so far, by pg_stat_statements' query id: its calls, its total
    /// execution milliseconds and its text (parameters as $1…); empty where pg_stat_statements is missing, or where this
    /// role may not read other roles' statements (pg_read_all_stats: benchmark.sh steady lends it to the owner).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, StatementTotals>> ByStatementAsync()
    {
        var byStatement = new Dictionary<long, StatementTotals>();
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var select = new NpgsqlCommand("""
                SELECT queryid, sum(calls)::bigint, sum(total_exec_time), min(query) FROM stats.pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND userid = (SELECT oid FROM pg_roles WHERE rolname = 'polri110_service')
                  AND queryid IS NOT NULL
                GROUP BY queryid
                """, connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                byStatement[reader.GetInt64(0)] = new StatementTotals(reader.GetInt64(1), reader.GetDouble(2), reader.GetString(3));
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName
                                               or PostgresErrorCodes.ObjectNotInPrerequisiteState)
        {
        }

        return byStatement;
    }

    /// <summary>
    /// The statements run between two readings, most called first: calls per report, execution ms per report, and the
    /// statement's text on one line, cut to <paramref name="width"/> characters.
    /// </summary>
    public static IReadOnlyList<StatementPerReport> PerReport(
        IReadOnlyDictionary<long, StatementTotals> before,
        IReadOnlyDictionary<long, StatementTotals> after, int reports, int width = 110) =>
        after.Select(statement =>
            {
                var earlier = before.GetValueOrDefault(statement.Key) ?? new StatementTotals(0, 0, "");
                var query = string.Join(' ', statement.Value.Query.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
                return new StatementPerReport(
                    (double)(statement.Value.Calls - earlier.Calls) / Math.Max(1, reports),
                    (statement.Value.Milliseconds - earlier.Milliseconds) / Math.Max(1, reports),
                    query.Length > width ? query[..width] + "…" : query);
            })
            .Where(statement => statement.Calls > 0)
            .OrderByDescending(statement => statement.Calls)
            .ToList();

    /// <summary>Statements per report between two totals; NaN when either is missing or nothing was accepted.</summary>
    public static double PerReport(long? before, long? after, int reports) =>
        before is { } from && after is { } to && reports > 0 ? (double)(to - from) / reports : double.NaN;
}

/// <summary>One statement's totals so far (pg_stat_statements): calls, execution milliseconds, its text.</summary>
public sealed record StatementTotals(long Calls, double Milliseconds, string Query);

/// <summary>One statement between two readings, per accepted report: calls, execution milliseconds, its text on one line.</summary>
public sealed record StatementPerReport(double Calls, double Milliseconds, string Query);
