using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests;

/// <summary>One Polri 110 service running as its own process, built by ./test.sh, on a free port.</summary>
public sealed class ServiceProcess(string name, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private readonly StringBuilder output = new();
    private Process? process;

    public string Name { get; } = name;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{FreePort()}");

    /// <summary>Everything the process wrote to its logs so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (output)
            {
                var text = output.ToString();
                return text.Length > 4000 ? text[^4000..] : text;
            }
        }
    }

    /// <summary>
    /// What a deployment runs before the service: <c>dotnet Polri110.&lt;Service&gt;.dll migrate</c>, as the store's owner
    /// (its connection string given here), which applies the schema and grants and exits.
    /// </summary>
    public async Task MigrateAsync(string ownerConnectionString)
    {
        var start = StartInfo("migrate");
        start.Environment["ConnectionStrings__Polri110Owner"] = ownerConnectionString;
        using var migration = Process.Start(start) ?? throw new InvalidOperationException($"Could not migrate {Name}.");
        var output = migration.StandardOutput.ReadToEndAsync();
        var errors = migration.StandardError.ReadToEndAsync();
        await migration.WaitForExitAsync();
        if (migration.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Name} migrate exited with {migration.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    public async Task StartAsync()
    {
        process = Process.Start(StartInfo()) ?? throw new InvalidOperationException($"Could not start {Name}.");
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.TrueAsync(
                async () => process.HasExited
                    ? throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{RecentOutput}")
                    : (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60),
                $"{Name} to be ready");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{RecentOutput}", e);
        }
    }

    private ProcessStartInfo StartInfo(params string[] arguments)
    {
        var binaries = Path.Combine(TestPaths.RepositoryRoot(), "services", Name, "bin", BuildConfiguration(), "net10.0");
        var start = new ProcessStartInfo("dotnet", [$"Polri110.{Name}.dll", .. arguments])
        {
            WorkingDirectory = binaries,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = BaseAddress.ToString();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>The process's resident memory now (0 once it has exited).</summary>
    public long ResidentBytes
    {
        get
        {
            if (process is not { HasExited: false })
            {
                return 0;
            }

            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <summary>SIGSTOP: the process holds what it has (its prefetched messages stay unacknowledged) and does nothing.</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT after <see cref="PauseAsync"/>.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        var running = process is { HasExited: false } ? process : throw new InvalidOperationException($"{Name} is not running.");
        using var kill = Process.Start("kill", [$"-{signal}", running.Id.ToString()]);
        await kill.WaitForExitAsync();
    }

    /// <summary>kill -9: no shutdown hooks, no flushing, as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }


    // The tests run from tests/<project>/bin/<configuration>/net10.0: the services were built alongside in the same configuration.
    internal static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
