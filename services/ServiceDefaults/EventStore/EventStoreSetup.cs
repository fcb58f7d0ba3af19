using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Messaging;
using Polri110.ServiceDefaults.Observability;
using Weasel.Core;

namespace Polri110.ServiceDefaults.EventStore;

public static class EventStoreSetup
{
    /// <summary>The Marten schema auditors query with psql (SPEC §7).</summary>
    public const string Schema = "polri110";

    public static string EventStoreConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("Polri110")
        ?? throw new InvalidOperationException("ConnectionStrings:Polri110 (the PostgreSQL event store, as the services' role) is not configured.");

    /// <summary>
    /// True when this process only migrates the store (started as <c>dotnet Polri110.&lt;Service&gt;.dll migrate</c>, or
    /// with <c>EventStore:Migrate</c> set, as test hosts do): it then connects as the store's owner, applies the schema
    /// and grants (<see cref="EventStoreMigration"/>), and serves nothing.
    /// </summary>
    public static bool IsMigration(IConfiguration configuration) =>
        configuration.GetValue<bool>("EventStore:Migrate") || Environment.GetCommandLineArgs().Skip(1).Contains("migrate");

    private static string OwnerConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Polri110Owner")
        ?? throw new InvalidOperationException(
            "ConnectionStrings:Polri110Owner (the event store's owner role, which applies the schema) is not configured.");

    /// <summary>
    /// The service's PostgreSQL connection pool, shared by Marten and any direct use (the readiness check has its own:
    /// <see cref="HealthCheckConnections"/>).
    /// Sessions leave no state on their connection (no SET, no temporary tables; advisory locks are released by
    /// Marten), so a returned connection is not reset: the reset (DISCARD ALL) cost a statement per session,
    /// about 8 per report, and threw away the server's cached plans of Marten's append function (0.87 ms a call
    /// with it, 0.28 ms without). Statements run three times are prepared once per connection. A connection is
    /// retired after 15 minutes, which bounds any session state that did leak. Each connection names its service
    /// (<c>application_name</c> "polri110-intake" and so on, unless the connection string names one), so
    /// <c>pg_stat_activity</c> and the server's log tell the services apart although they share a role.
    /// </summary>
    /// <param name="applicationName">The name each connection gives the server, where the connection string gives none.</param>
    /// <param name="maxPoolSize">
    /// <c>EventStore:MaxPoolSize</c>, where a deployment sizes each instance's pool so that all instances together stay
    /// below the server's max_connections (deploy/kubernetes); else the connection string's (Npgsql: 100).
    /// </param>
    private static NpgsqlDataSource BuildDataSource(string connectionString, string applicationName, int? maxPoolSize)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString)
        {
            NoResetOnClose = true,
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 3,
            ConnectionLifetime = 900,
        };
        settings.ApplicationName ??= applicationName;
        if (maxPoolSize is { } size)
        {
            settings.MaxPoolSize = size;
        }

        return new NpgsqlDataSourceBuilder(settings.ConnectionString).Build();
    }

    /// <summary>Connections the readiness check holds beside the service's pool (its own pool of one).</summary>
    public const int HealthCheckConnections = 1;

    /// <summary>The key of the readiness check's <see cref="NpgsqlDataSource"/>.</summary>
    public const string HealthCheckDataSource = "health";

    /// <summary>
    /// The readiness check's own pool, of <see cref="HealthCheckConnections"/>, given up after 3 s: readiness asks whether
    /// the database answers, not whether this instance's pool has a connection free. Checked through the shared pool, an
    /// instance busy catching up after a database failover (every connection taken, POSTs waiting up to 15 s for one)
    /// failed its check; with both instances of Intake so, HAProxy took both out and answered 503 to every POST for a
    /// minute after the new primary was serving, where the instances themselves would have stored them.
    /// </summary>
    private static NpgsqlDataSource BuildHealthCheckDataSource(string connectionString, string applicationName)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = HealthCheckConnections, Timeout = 3, CommandTimeout = 3 };
        settings.ApplicationName = $"{settings.ApplicationName ?? applicationName}-health";
        return new NpgsqlDataSourceBuilder(settings.ConnectionString).Build();
    }

    internal static void AddReportEventStore(this WebApplicationBuilder builder, ServiceDescription service)
    {
        var migrating = IsMigration(builder.Configuration);
        var dataSource = BuildDataSource(
            migrating ? OwnerConnectionString(builder.Configuration) : builder.Configuration.EventStoreConnectionString(),
            migrating ? $"polri110-{service.Name}-migration" : $"polri110-{service.Name}",
            builder.Configuration.GetValue<int?>("EventStore:MaxPoolSize"));
        builder.Services.AddSingleton(dataSource);
        if (!migrating)
        {
            builder.Services.AddKeyedSingleton(HealthCheckDataSource, (_, _) =>
                BuildHealthCheckDataSource(builder.Configuration.EventStoreConnectionString(), $"polri110-{service.Name}"));
        }

        var fastPolling = builder.Configuration.GetValue("EventStore:FastPollingTime", TimeSpan.FromMilliseconds(50));
        var wakeup = new OwnAppendWakeup(builder.Configuration.GetValue("EventStore:OwnAppendPollingTime", TimeSpan.FromMilliseconds(50)));
        builder.Services.AddSingleton(wakeup);
        var marten = builder.Services.AddMarten(options =>
            {
                options.Connection(dataSource);
                options.DatabaseSchemaName = Schema;
                options.ApplicationAssembly = service.ApplicationAssembly;
                // Only the owner changes the schema; the services' role could not, and must not try.
                options.AutoCreateSchemaObjects = migrating ? AutoCreate.CreateOrUpdate : AutoCreate.None;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                // One round trip per append (a server-side function) instead of fetching versions first.
                options.Events.AppendMode = EventAppendMode.Quick;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.UserNameEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                // The daemon (and so the bus publisher) polls for new events every 50 ms while they flow, and every
                // 500 ms when idle; this service's own commits end either wait, 50 ms after the last poll at the
                // soonest (OwnAppendWakeup). Idle polling every 100 ms took 10 CPU s a minute of the four services and
                // PostgreSQL with nothing to do. Dispatch and Tracking, whose daemons a new report does not wait for on
                // its way to a station, poll less for the others' events (their appsettings.json).
                // LISTEN/NOTIFY on appends would wake every service's daemon, but PostgreSQL serialises the commits of
                // notifying transactions: under load, polling measured better (p99 POST -> station queue at 100
                // reports/s: 1.0 s instead of 3.1 s).
                options.Projections.FastPollingTime = fastPolling;
                options.Projections.SlowPollingTime =
                    builder.Configuration.GetValue("EventStore:SlowPollingTime", TimeSpan.FromMilliseconds(500));
                options.Projections.Wakeup = wakeup;
                // A restarted instance (or the survivor of a killed one) takes over the daemon within a second of the
                // lock's release, not the default five: until then nothing it commits is published or projected.
                options.Projections.LeadershipPollingTime = 1000;
                // Marten's watchdog restarts a high-water agent whose mark stands still while events are committed
                // above it; a restart re-reads the mark and never skips an event. Its default waits two minutes, and
                // one service's agent was seen holding its mark that long with no gap and nothing open (Routing's,
                // after the benchmark's warm-up, 2026-12-05: the last reports before a quiet moment then wait two
                // minutes to be forwarded, and the restart freed them). Checked every second, restarted after 3 s
                // (at most once per 30 s, Marten's own limit); idle, this costs one max(seq_id) a service every 3 s.
                options.Projections.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
                options.Projections.HighWaterProgressStallThreshold =
                    builder.Configuration.GetValue("EventStore:HighWaterStallThreshold", TimeSpan.FromSeconds(3));
                // Every append that is rolled back (a lost concurrency race, a failed batch, a service killed
                // mid-transaction) leaves a hole in the one event sequence, and every daemon of every service holds
                // before it until the hole is this old: three seconds by default, and at full speed holes appeared every
                // few seconds (the daemons log each skip). Marten skips a hole only when no transaction that could still
                // fill it is alive (pg_locks, pg_stat_activity, the snapshot's in-progress list), so a slow append is
                // still waited for, however long it takes.
                options.Projections.StaleSequenceThreshold = TimeSpan.FromMilliseconds(250);
                options.Events.AddEventTypes(ReportEvents.All);
                options.Projections.Add(new ReportLifecycleProjection(), ProjectionLifecycle.Live);

                // Every service runs its own daemon against the one database: each needs its own leader lock.
                options.Projections.DaemonLockId = service.DaemonLockId;

                service.ConfigureStore?.Invoke(options);
            })
            .UseLightweightSessions();
        builder.Services.AddSingleton<ReportStreams>();
        builder.Services.AddSingleton<SharedDocuments>();
        builder.Services.AddSingleton<GroupCommit>();
        if (migrating)
        {
            builder.Services.AddSingleton<EventStoreMigration>();
            builder.Services.AddHostedService(services => services.GetRequiredService<EventStoreMigration>());
            return;
        }

        builder.Services.AddHostedService<StoreCredentialCheck>();
        builder.Services.AddHostedService<DaemonLag>();
        marten
            .AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<CommittedEventPublisher>(ServiceLifetime.Singleton, subscription =>
            {
                subscription.Name = $"{service.Name}-bus-publisher";
                foreach (var eventType in service.PublishedEvents)
                {
                    subscription.IncludeType(eventType);
                }
            });
        // After the daemon: started after it, stopped before it.
        builder.Services.AddSingleton<DaemonWatch>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DaemonWatch>());
    }
}
