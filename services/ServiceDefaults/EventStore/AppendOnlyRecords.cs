using Marten;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// A document type that is an audit record (<see cref="ServiceDescription.AuditDocuments"/>): PostgreSQL refuses to
/// delete it, and to update it unless it grows in place (a hash chain's seals).
/// </summary>
public sealed record AuditDocument(Type DocumentType, bool GrowsInPlace = false);

/// <summary>
/// Makes the audit records refuse to change: PostgreSQL rejects any UPDATE, DELETE or TRUNCATE of <c>mt_events</c>
/// (Marten only ever inserts) and the same for the service's own <see cref="AuditDocument"/>s. Someone able to lift
/// the triggers can still alter rows; Tracking's hash chain then shows which. Installed idempotently, under an
/// advisory lock, as the service starts (after Marten has created its tables).
/// </summary>
internal sealed class AppendOnlyRecords(NpgsqlDataSource database, IDocumentStore store, ServiceDescription service) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var tables = service.AuditDocuments
            .Select(audit => (Table: store.Options.FindOrResolveDocumentType(audit.DocumentType).TableName.Name, Refused: audit.GrowsInPlace ? "DELETE" : "UPDATE OR DELETE"))
            .Prepend(("mt_events", "UPDATE OR DELETE"));
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Sql(tables), connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Sql(IEnumerable<(string Table, string Refused)> tables) => $$"""
        SELECT pg_advisory_xact_lock(110000);
        CREATE OR REPLACE FUNCTION {{EventStoreSetup.Schema}}.refuse_changes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'The audit record %.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END $$;
        """ + string.Concat(tables.Select(entry => $$"""

        DO $$
        DECLARE target regclass := '{{EventStoreSetup.Schema}}.{{entry.Table}}'::regclass;
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'polri110_append_only' AND tgrelid = target) THEN
            CREATE TRIGGER polri110_append_only BEFORE {{entry.Refused}} ON {{EventStoreSetup.Schema}}.{{entry.Table}}
              FOR EACH ROW EXECUTE FUNCTION {{EventStoreSetup.Schema}}.refuse_changes();
          END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'polri110_append_only_truncate' AND tgrelid = target) THEN
            CREATE TRIGGER polri110_append_only_truncate BEFORE TRUNCATE ON {{EventStoreSetup.Schema}}.{{entry.Table}}
              FOR EACH STATEMENT EXECUTE FUNCTION {{EventStoreSetup.Schema}}.refuse_changes();
          END IF;
        END $$;
        """));
}
