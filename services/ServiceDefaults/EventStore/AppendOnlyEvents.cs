using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// Makes the audit records refuse to change: PostgreSQL rejects any UPDATE, DELETE or TRUNCATE of <c>mt_events</c>
/// (Marten only ever inserts) and of Tracking's log of personal-data readings, and any DELETE or TRUNCATE of its
/// hash-chain seals (which only grow). Someone able to lift the triggers can still alter rows; the hash chain then
/// shows which. Installed idempotently, under an advisory lock, by every service as it starts (tables another
/// service owns are protected when that service starts).
/// </summary>
internal sealed class AppendOnlyEvents(NpgsqlDataSource database) : IHostedService
{
    private static readonly (string Table, string Refused)[] Protected =
    [
        ("mt_events", "UPDATE OR DELETE"),
        ("mt_doc_personaldataread", "UPDATE OR DELETE"),
        ("mt_doc_reportseal", "DELETE"),
    ];

    private static string Sql => $$"""
        SELECT pg_advisory_xact_lock(110000);
        CREATE OR REPLACE FUNCTION {{EventStoreSetup.Schema}}.refuse_changes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'The audit record %.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END $$;
        """ + string.Concat(Protected.Select(entry => $$"""

        DO $$
        DECLARE target regclass := to_regclass('{{EventStoreSetup.Schema}}.{{entry.Table}}');
        BEGIN
          IF target IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'polri110_append_only' AND tgrelid = target) THEN
            CREATE TRIGGER polri110_append_only BEFORE {{entry.Refused}} ON {{EventStoreSetup.Schema}}.{{entry.Table}}
              FOR EACH ROW EXECUTE FUNCTION {{EventStoreSetup.Schema}}.refuse_changes();
          END IF;
          IF target IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'polri110_append_only_truncate' AND tgrelid = target) THEN
            CREATE TRIGGER polri110_append_only_truncate BEFORE TRUNCATE ON {{EventStoreSetup.Schema}}.{{entry.Table}}
              FOR EACH STATEMENT EXECUTE FUNCTION {{EventStoreSetup.Schema}}.refuse_changes();
          END IF;
        END $$;
        """));

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
