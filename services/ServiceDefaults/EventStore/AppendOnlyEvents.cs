using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// Makes the event store refuse to change history: PostgreSQL rejects any UPDATE, DELETE or TRUNCATE of
/// <c>mt_events</c> (Marten only ever inserts). Someone able to lift the trigger can still alter rows; Tracking's
/// hash chain then shows which ones. Installed once, idempotently, by whichever service starts first.
/// </summary>
internal sealed class AppendOnlyEvents(NpgsqlDataSource database) : IHostedService
{
    public const string TriggerName = "polri110_events_append_only";

    private static readonly string Sql = $"""
        SELECT pg_advisory_xact_lock(110000);
        CREATE OR REPLACE FUNCTION {EventStoreSetup.Schema}.refuse_event_changes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'The event store is append-only: % of %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END $$;
        DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = '{TriggerName}' AND tgrelid = '{EventStoreSetup.Schema}.mt_events'::regclass) THEN
            CREATE TRIGGER {TriggerName} BEFORE UPDATE OR DELETE ON {EventStoreSetup.Schema}.mt_events
              FOR EACH ROW EXECUTE FUNCTION {EventStoreSetup.Schema}.refuse_event_changes();
            CREATE TRIGGER {TriggerName}_truncate BEFORE TRUNCATE ON {EventStoreSetup.Schema}.mt_events
              FOR EACH STATEMENT EXECUTE FUNCTION {EventStoreSetup.Schema}.refuse_event_changes();
          END IF;
        END $$;
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
