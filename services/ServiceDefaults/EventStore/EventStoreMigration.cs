using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// A document type that is an audit record (<see cref="ServiceDescription.AuditDocuments"/>): PostgreSQL refuses to
/// delete it, and to update it unless the update only extends it (a hash chain's seals).
/// </summary>
public sealed record AuditDocument(Type DocumentType, bool GrowsInPlace = false);

/// <summary>
/// What the store's owner role does before any service runs (<c>dotnet Polri110.&lt;Service&gt;.dll migrate</c>, or a test
/// host with <c>EventStore:Migrate</c>): applies Marten's schema for this service, makes the audit records append-only,
/// and grants the services' login role only what they need. The services themselves connect as that role, which owns
/// nothing: it cannot alter, drop or truncate a table, nor lift a trigger, so no credential a service holds can rewrite
/// history. Idempotent; several services migrating at once take turns under an advisory lock.
/// </summary>
internal sealed class EventStoreMigration(
    NpgsqlDataSource owner, IDocumentStore store, ServiceDescription service, IConfiguration configuration,
    ILogger<EventStoreMigration> logger) : IHostedService
{
    /// <summary>The login role the services run as (the grantee), and the read-only role of auditors with psql.</summary>
    public const string DefaultServiceRole = "polri110_service";

    public const string DefaultAuditorRole = "polri110_auditor";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var serviceRole = configuration["EventStore:ServiceRole"] ?? DefaultServiceRole;
        var auditorRole = configuration["EventStore:AuditorRole"] ?? DefaultAuditorRole;
        await using var turn = await owner.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(turn, "SELECT pg_advisory_lock(110000)", cancellationToken);
        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await ExecuteAsync(turn, StoreProtection.Sql(AuditTables(), serviceRole, auditorRole), cancellationToken);
        }
        finally
        {
            await ExecuteAsync(turn, "SELECT pg_advisory_unlock(110000)", CancellationToken.None);
        }

        logger.LogInformation("Event store schema applied for {Service}; {Role} granted what it needs", service.Name, serviceRole);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<StoreProtection.AuditTable> AuditTables() =>
        service.AuditDocuments
            .Select(audit => new StoreProtection.AuditTable(
                store.Options.FindOrResolveDocumentType(audit.DocumentType).TableName.Name, audit.GrowsInPlace))
            .Prepend(new StoreProtection.AuditTable("mt_events", GrowsInPlace: false));

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
