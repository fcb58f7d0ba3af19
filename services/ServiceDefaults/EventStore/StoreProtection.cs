namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// The SQL that protects the event store, run by its owner (<see cref="EventStoreMigration"/>):
/// <list type="bullet">
/// <item>triggers refuse any UPDATE, DELETE or TRUNCATE of <c>mt_events</c> and of the append-only audit documents, and
/// any update of a growing record (a hash chain's seals) that does more than add entries at the end of its lists;</item>
/// <item>the services' role may only read and write rows: on audit tables only SELECT and INSERT (and UPDATE where a
/// record grows), no DELETE of streams, no TRUNCATE anywhere, and, owning nothing, no ALTER, DROP or DISABLE TRIGGER;</item>
/// <item>the auditors' role may only read.</item>
/// </list>
/// The privileges follow from the triggers found in the schema, so the order in which services migrate does not matter.
/// Someone holding the owner's or a superuser's credentials can still alter rows; Tracking's hash chain then shows which.
/// </summary>
internal static class StoreProtection
{
    public sealed record AuditTable(string Name, bool GrowsInPlace);

    private const string Schema = EventStoreSetup.Schema;

    public static string Sql(IEnumerable<AuditTable> tables, string serviceRole, string auditorRole) =>
        Functions + string.Concat(tables.Select(Triggers)) + Grants(serviceRole, auditorRole);

    private const string Functions = $$"""
        CREATE OR REPLACE FUNCTION {{Schema}}.refuse_changes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'The audit record %.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END $$;

        -- A growing record may gain entries at the end of its lists; every other field, and its id, stay as they were.
        CREATE OR REPLACE FUNCTION {{Schema}}.refuse_rewrites() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          field record;
          grown jsonb;
        BEGIN
          IF NEW.id IS DISTINCT FROM OLD.id THEN
            RAISE EXCEPTION 'The audit record %.% may only grow: its id cannot change', TG_TABLE_SCHEMA, TG_TABLE_NAME
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          FOR field IN SELECT key, value FROM jsonb_each(OLD.data) LOOP
            grown := NEW.data -> field.key;
            IF jsonb_typeof(field.value) = 'array' THEN
              IF jsonb_typeof(grown) IS DISTINCT FROM 'array'
                 OR jsonb_array_length(grown) < jsonb_array_length(field.value)
                 OR (jsonb_array_length(field.value) > 0 AND (
                      SELECT jsonb_agg(entry ORDER BY position) FROM jsonb_array_elements(grown) WITH ORDINALITY AS kept(entry, position)
                      WHERE position <= jsonb_array_length(field.value)) IS DISTINCT FROM field.value) THEN
                RAISE EXCEPTION 'The audit record %.% may only grow: % was rewritten', TG_TABLE_SCHEMA, TG_TABLE_NAME, field.key
                  USING ERRCODE = 'insufficient_privilege';
              END IF;
            ELSIF grown IS DISTINCT FROM field.value THEN
              RAISE EXCEPTION 'The audit record %.% may only grow: % was changed', TG_TABLE_SCHEMA, TG_TABLE_NAME, field.key
                USING ERRCODE = 'insufficient_privilege';
            END IF;
          END LOOP;
          RETURN NEW;
        END $$;
        """;

    private static string Triggers(AuditTable table) => $$"""

        DO $$
        DECLARE target regclass := '{{Schema}}.{{table.Name}}'::regclass;
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'polri110_append_only' AND tgrelid = target) THEN
            CREATE TRIGGER polri110_append_only BEFORE {{(table.GrowsInPlace ? "DELETE" : "UPDATE OR DELETE")}}
              ON {{Schema}}.{{table.Name}} FOR EACH ROW EXECUTE FUNCTION {{Schema}}.refuse_changes();
          END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'polri110_append_only_truncate' AND tgrelid = target) THEN
            CREATE TRIGGER polri110_append_only_truncate BEFORE TRUNCATE ON {{Schema}}.{{table.Name}}
              FOR EACH STATEMENT EXECUTE FUNCTION {{Schema}}.refuse_changes();
          END IF;
          {{(table.GrowsInPlace ? GrowOnlyTrigger(table) : "")}}
        END $$;
        """;

    private static string GrowOnlyTrigger(AuditTable table) => $"""
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'polri110_grows_only' AND tgrelid = target) THEN
            CREATE TRIGGER polri110_grows_only BEFORE UPDATE ON {Schema}.{table.Name}
              FOR EACH ROW EXECUTE FUNCTION {Schema}.refuse_rewrites();
          END IF;
        """;

    private static string Grants(string serviceRole, string auditorRole) => $$"""

        DO $$
        DECLARE
          service_role text := {{Literal(serviceRole)}};
          auditor_role text := {{Literal(auditorRole)}};
          auditors boolean := EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {{Literal(auditorRole)}});
          target record;
          allowed text;
        BEGIN
          EXECUTE format('GRANT USAGE ON SCHEMA {{Schema}} TO %I', service_role);
          IF auditors THEN
            EXECUTE format('GRANT USAGE ON SCHEMA {{Schema}} TO %I', auditor_role);
          END IF;
          FOR target IN
            SELECT c.oid::regclass AS name, c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = '{{Schema}}' AND c.relkind IN ('r', 'p')
          LOOP
            allowed := CASE
              WHEN EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = target.name AND tgname = 'polri110_grows_only') THEN 'SELECT, INSERT, UPDATE'
              WHEN EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = target.name AND tgname = 'polri110_append_only') THEN 'SELECT, INSERT'
              WHEN target.table_name = 'mt_streams' THEN 'SELECT, INSERT, UPDATE' -- a stream's version moves on; the stream stays
              ELSE 'SELECT, INSERT, UPDATE, DELETE' -- read models, progress, idempotency records
            END;
            EXECUTE format('REVOKE ALL ON %s FROM %I', target.name, service_role);
            EXECUTE format('GRANT %s ON %s TO %I', allowed, target.name, service_role);
            IF auditors THEN
              EXECUTE format('REVOKE ALL ON %s FROM %I', target.name, auditor_role);
              EXECUTE format('GRANT SELECT ON %s TO %I', target.name, auditor_role);
            END IF;
          END LOOP;
          -- nextval only: no setval, which could make the store hand out a sequence number twice.
          EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {{Schema}} TO %I', service_role);
          EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {{Schema}} TO %I', service_role);
        END $$;
        """;

    private static string Literal(string text) => $"'{text.Replace("'", "''")}'";
}
