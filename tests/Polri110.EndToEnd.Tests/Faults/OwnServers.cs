using System.Diagnostics;

using Polri110.Testing;

namespace Polri110.EndToEnd.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster and a RabbitMQ node of the fault suite's own (started through scripts/infra.sh), so that
/// killing them hurts no other test. They restart on the same ports and data directories, as a machine would.
/// </summary>
public sealed class OwnServers : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("polri110-faults-").FullName;
    private readonly string nodeName = $"polri110-faults-{Environment.ProcessId}";

    /// <summary>The event store as the services' role, and as its owner (who migrates it).</summary>
    public string ServiceDatabase { get; private set; } = "";

    public string OwnerDatabase { get; private set; } = "";

    /// <summary>The broker as its administrator.</summary>
    public string AmqpUri { get; private set; } = "";

    public Uri Management { get; private set; } = null!;

    /// <summary>The management API as Dispatch is given it.</summary>
    public Uri StationsManagement => new UriBuilder(Management)
    {
        UserName = TestServers.StationsUser, Password = File.ReadAllText(Path.Combine(Secrets, $"amqp-{TestServers.StationsUser}.password")).Trim(),
    }.Uri;

    private string Secrets => Path.Combine(directory, "secrets");

    private string PostgresDirectory => Path.Combine(directory, "postgres");

    private string RabbitDirectory => Path.Combine(directory, "rabbitmq");

    public async Task StartAsync()
    {
        try
        {
            await InfraAsync($"chmod 755 '{directory}'"); // the postgres user must reach its data directory
            await StartPostgresAsync();
            var roles = await InfraAsync(
                $"ensure_postgres_roles '{PostgresDirectory}' '{Secrets}'; create_database '{PostgresDirectory}' polri110; " +
                "echo \"SERVICE=$PG_SERVICE;Database=polri110\"; echo \"OWNER=$PG_OWNER;Database=polri110\"");
            ServiceDatabase = roles.Single(line => line.StartsWith("SERVICE="))["SERVICE=".Length..];
            OwnerDatabase = roles.Single(line => line.StartsWith("OWNER="))["OWNER=".Length..];
            await StartRabbitAsync();
            await InfraAsync($"ensure_broker_users '{RabbitDirectory}' '{Secrets}'");
        }
        catch
        {
            // xunit does not dispose a test whose set-up failed: stop what did start, or it outlives the run.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts (or restarts) PostgreSQL; after a kill -9 it may refuse until the old backends have exited, so it retries.</summary>
    public async Task StartPostgresAsync()
    {
        await Polri110.Testing.Eventually.GetAsync(
            async () =>
            {
                try
                {
                    return await InfraAsync($"start_postgres '{PostgresDirectory}'");
                }
                catch (InvalidOperationException)
                {
                    return null;
                }
            },
            TimeSpan.FromSeconds(60), "PostgreSQL to start");
    }

    public async Task StartRabbitAsync()
    {
        var output = await InfraAsync($"start_rabbitmq '{RabbitDirectory}' '{nodeName}' '{Secrets}'; echo \"AMQP=$AMQP_URI\"; echo \"MGMT=$RABBIT_MANAGEMENT_URL\"");
        AmqpUri = output.Single(line => line.StartsWith("AMQP="))[5..];
        Management = new Uri(output.Single(line => line.StartsWith("MGMT="))[5..]);
    }

    /// <summary>The broker as one of the services' users, e.g. "polri110-intake".</summary>
    public string AmqpUriAs(string user) => new UriBuilder(AmqpUri)
    {
        UserName = user, Password = File.ReadAllText(Path.Combine(Secrets, $"amqp-{user}.password")).Trim(),
    }.Uri.ToString();

    /// <summary>kill -9 the postmaster: no checkpoint, no goodbye to clients.</summary>
    public async Task KillPostgresAsync()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(PostgresDirectory, "postmaster.pid")).First());
        await KillAsync(postmaster);
        await Polri110.Testing.Eventually.TrueAsync(
            () => Task.FromResult(!ProcessesWith($"-D {PostgresDirectory}").Any()), TimeSpan.FromSeconds(30), "the postmaster to be gone");
    }

    /// <summary>kill -9 the broker's Erlang VM.</summary>
    public async Task KillRabbitAsync()
    {
        foreach (var pid in ProcessesWith($"{nodeName}@localhost").Where(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains("beam")))
        {
            await KillAsync(pid);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await InfraAsync($"stop_rabbitmq '{RabbitDirectory}'; stop_postgres '{PostgresDirectory}'; as_root rm -rf '{directory}'");
    }

    private static async Task KillAsync(int pid)
    {
        using var kill = Process.Start("kill", ["-9", pid.ToString()]);
        await kill.WaitForExitAsync();
    }

    private static IEnumerable<int> ProcessesWith(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Where(name =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{name}/cmdline").Replace('\0', ' ').Contains(text);
                }
                catch (IOException)
                {
                    return false;
                }
            })
            .Select(int.Parse!);

    private async Task<IReadOnlyList<string>> InfraAsync(string commands)
    {
        var root = TestPaths.RepositoryRoot();
        var start = new ProcessStartInfo("bash", ["-c", $"set -e; . scripts/infra.sh; POLRI110_INFRA_LOG='{directory}/infra.log'; {commands}"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            : throw new InvalidOperationException($"scripts/infra.sh failed ({process.ExitCode}): {errors} {Tail(Path.Combine(directory, "infra.log"))}");
    }

    private static string Tail(string file) => File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(5)) : "";

}
