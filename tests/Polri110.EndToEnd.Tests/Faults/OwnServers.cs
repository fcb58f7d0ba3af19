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

    public string PostgresServer { get; private set; } = "";

    public string AmqpUri { get; private set; } = "";

    public Uri Management { get; private set; } = null!;

    private string PostgresDirectory => Path.Combine(directory, "postgres");

    private string RabbitDirectory => Path.Combine(directory, "rabbitmq");

    public async Task StartAsync()
    {
        try
        {
            await InfraAsync($"chmod 755 '{directory}'"); // the postgres user must reach its data directory
            await StartPostgresAsync();
            await StartRabbitAsync();
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
        var output = await Polri110.Testing.Eventually.GetAsync(
            async () =>
            {
                try
                {
                    return await InfraAsync($"start_postgres '{PostgresDirectory}'; echo \"PG=$PG_CONNECTION\"");
                }
                catch (InvalidOperationException)
                {
                    return null;
                }
            },
            TimeSpan.FromSeconds(60), "PostgreSQL to start");
        PostgresServer = output.Single(line => line.StartsWith("PG="))[3..];
    }

    public async Task StartRabbitAsync()
    {
        var output = await InfraAsync($"start_rabbitmq '{RabbitDirectory}' '{nodeName}'; echo \"AMQP=$AMQP_URI\"; echo \"MGMT=$RABBIT_MANAGEMENT_URL\"");
        AmqpUri = output.Single(line => line.StartsWith("AMQP="))[5..];
        Management = new Uri(output.Single(line => line.StartsWith("MGMT="))[5..]);
    }

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
