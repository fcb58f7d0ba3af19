using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// Refuses to start a service whose database credential could alter history: a superuser, or a role that owns (or is a
/// member of the owner of) the event store, could lift the append-only triggers. The services run as a role that only
/// reads and writes rows (<see cref="StoreProtection"/>); <c>EventStore:AllowOwnerConnection</c> lifts the check, for a
/// throwaway development database only. Also says plainly when the schema was never migrated.
/// </summary>
internal sealed class StoreCredentialCheck(NpgsqlDataSource database, IConfiguration configuration) : IHostedService
{
    private const string Sql = $"""
        SELECT r.rolsuper,
               EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = '{EventStoreSetup.Schema}' AND c.relname = 'mt_events'),
               EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = '{EventStoreSetup.Schema}' AND pg_has_role(current_user, c.relowner, 'USAGE'))
        FROM pg_roles r WHERE r.rolname = current_user
        """;

    // The database may still be starting with the service (a machine's boot, a restarted container).
    private static readonly ResiliencePipeline WhileStarting = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient),
            MaxRetryAttempts = 10,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(5),
        })
        .Build();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (superuser, migrated, owner) = await WhileStarting.ExecuteAsync(async token =>
        {
            await using var command = database.CreateCommand(Sql);
            await using var reader = await command.ExecuteReaderAsync(token);
            await reader.ReadAsync(token);
            return (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
        }, cancellationToken);

        if (!migrated)
        {
            throw new InvalidOperationException(
                $"The event store schema {EventStoreSetup.Schema} is missing or not visible to this role: run the service once " +
                "with the verb 'migrate' and ConnectionStrings:Polri110Owner (the owner role) first.");
        }

        if ((superuser || owner) && !configuration.GetValue<bool>("EventStore:AllowOwnerConnection"))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Polri110 names a superuser or the event store's owner: a service holding it could alter " +
                "history. Connect as the services' role (see README, 'Least privilege').");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
