using System.Diagnostics;

namespace Polri110.Benchmarks.Failover;

/// <summary>
/// Kills and restarts pieces of the cluster that ./run.sh --cluster started, through scripts/cluster.sh of the checkout
/// in <paramref name="repositoryRoot"/>.
/// </summary>
public sealed class ClusterControl(string clusterDirectory, string secretsDirectory, string repositoryRoot)
{
    public Task KillRabbitNodeAsync(int node) => ShellAsync($"kill_rabbitmq_node '{clusterDirectory}' {node}");

    public Task RestartRabbitNodeAsync(int node) => ShellAsync($"restart_rabbitmq_node '{clusterDirectory}' {node}");

    public async Task<int> PrimaryAsync() => await PrimaryOrNoneAsync() ?? throw new InvalidOperationException("No PostgreSQL primary");

    /// <summary>The node Patroni names primary now, or null while there is none (during a failover).</summary>
    public async Task<int?> PrimaryOrNoneAsync() =>
        int.TryParse(await ShellAsync($"patroni_primary '{clusterDirectory}' || true"), out var node) ? node : null;

    public Task KillPatroniNodeAsync(int node) => ShellAsync($"kill_patroni_node '{clusterDirectory}' {node}");

    public Task RestartPatroniNodeAsync(int node) =>
        ShellAsync($"restart_patroni_node '{clusterDirectory}' {node} '{secretsDirectory}'");

    /// <summary>kill -9 the first instance of every service; run.sh's supervisor starts it again a second later.</summary>
    public Task KillOneInstanceOfEachServiceAsync() =>
        ShellAsync(string.Join("; ", new[] { 5111, 5121, 5131, 5141 }.Select(port =>
            $"kill -9 $(ss -ltnpH 'sport = :{port}' | grep -o 'pid=[0-9]*' | cut -d= -f2 | head -n 1) 2>/dev/null || true")));

    private async Task<string> ShellAsync(string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"set -e; . scripts/infra.sh; . scripts/cluster.sh; POLRI110_INFRA_LOG=/dev/null; " +
                                                        $"cluster_ports '{clusterDirectory}'; {command}"])
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{command} failed: {errors}");
    }
}
