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

    /// <summary>Statements per report between two totals; NaN when either is missing or nothing was accepted.</summary>
    public static double PerReport(long? before, long? after, int reports) =>
        before is { } from && after is { } to && reports > 0 ? (double)(to - from) / reports : double.NaN;
}
