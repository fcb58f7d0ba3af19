using System.Diagnostics;
using System.Text;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests.LeastPrivilege;

/// <summary>
/// ./run.sh as a new user meets it, on data and run directories of the test's own: it starts PostgreSQL and RabbitMQ
/// without default passwords, writes what it keeps readable only by its owner, refuses a data directory someone else
/// owns, and a second ./run.sh leaves the first alone. Runs alone: it builds and takes the usual ports 5100-5140.
/// </summary>
[Collection(RunScriptCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // ./run.sh is a Linux script
public sealed class RunScriptTests : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("polri110-run-").FullName;

    private string DataDirectory => Path.Combine(root, "data");

    private string RunDirectory => Path.Combine(root, "run");

    [Fact]
    public async Task Given_a_running_system_When_run_sh_starts_again_Then_it_says_so_and_the_first_keeps_running()
    {
        await using var first = RunScript.Start(DataDirectory, RunDirectory);
        await first.WaitUntilUpAsync(TimeSpan.FromMinutes(6));

        var second = await RunScript.RunToEndAsync(DataDirectory, RunDirectory, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("already running", second.Output);
        foreach (var port in new[] { 5100, 5110, 5120, 5130, 5140 })
        {
            using var http = new HttpClient();
            Assert.True((await http.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode, $"port {port} after the second run");
        }

        AssertOnlyTheOwnerReads();
        await AssertNoDefaultPasswordsAsync();
        await AssertServersListenOnLoopbackOnlyAsync();
        await first.StopAsync();
        Assert.False(File.Exists(Path.Combine(DataDirectory, "postgres", "postmaster.pid")), "PostgreSQL stopped with the first run");
    }

    [Fact]
    public async Task Given_a_data_directory_someone_else_owns_When_run_sh_starts_Then_it_refuses_to_use_it()
    {
        Directory.CreateDirectory(DataDirectory);
        await RunScript.ShellAsync($"chown nobody '{DataDirectory}'");

        var run = await RunScript.RunToEndAsync(DataDirectory, RunDirectory, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("refusing to use it", run.Output);
        Assert.False(Directory.Exists(Path.Combine(DataDirectory, "postgres")));
    }

    private void AssertOnlyTheOwnerReads()
    {
        var kept = new[] { RunDirectory, Path.Combine(RunDirectory, "secrets"), Path.Combine(RunDirectory, "logs"), DataDirectory }
            .Concat(Directory.GetFiles(Path.Combine(RunDirectory, "secrets")))
            .Concat(Directory.GetFiles(Path.Combine(RunDirectory, "logs")))
            .Append(Path.Combine(RunDirectory, "tokens.json"))
            .Append(Path.Combine(RunDirectory, "endpoints.env"))
            .Append(Path.Combine(DataDirectory, "rabbitmq", "rabbitmq.conf"));
        Assert.Contains(kept, path => path.EndsWith("pg-polri110_service.password"));
        foreach (var path in kept)
        {
            var mode = File.GetUnixFileMode(path);
            // The data directory lets the postgres user through (execute only) to the cluster it owns.
            var allowed = path == DataDirectory ? UnixFileMode.OtherExecute : UnixFileMode.None;
            Assert.True((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite
                                 | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute) & ~allowed) == 0, $"{path} is {mode}");
        }
    }

    private async Task AssertNoDefaultPasswordsAsync()
    {
        var brokerPort = int.Parse(await File.ReadAllTextAsync(Path.Combine(DataDirectory, "rabbitmq", "port")));
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => new ConnectionFactory
        {
            Uri = new Uri($"amqp://guest:guest@127.0.0.1:{brokerPort}/"),
        }.CreateConnectionAsync());

        var postgresPort = (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "postgres.port"))).Trim();
        foreach (var user in new[] { "postgres", "polri110_service", "polri110_owner" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={postgresPort};Username={user};Password=postgres;Database=polri110");
                await connection.OpenAsync();
            });
            Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        }
    }

    /// <summary>The broker (AMQP, management, Erlang distribution) and PostgreSQL of the run listen on 127.0.0.1 alone.</summary>
    private async Task AssertServersListenOnLoopbackOnlyAsync()
    {
        var postmaster = File.ReadLines(Path.Combine(DataDirectory, "postgres", "postmaster.pid")).First();
        var broker = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(pid => pid!.All(char.IsDigit))
            .Where(pid => File.Exists($"/proc/{pid}/environ") && ReadOrEmpty($"/proc/{pid}/environ").Contains("RABBITMQ_NODENAME=polri110-dev@")
                          && ReadOrEmpty($"/proc/{pid}/cmdline").Contains("beam"))
            .ToList();
        Assert.NotEmpty(broker);
        var listening = await RunScript.OutputOfAsync("ss -ltnpH");
        var ours = listening.Split('\n').Where(line => broker.Append(postmaster).Any(pid => line.Contains($"pid={pid},"))).ToList();

        Assert.True(ours.Count >= 4, string.Join('\n', ours)); // AMQP, management, distribution, PostgreSQL
        Assert.All(ours, line => Assert.Matches(@"^\S+\s+\d+\s+\d+\s+127\.0\.0\.1:\d+\s", line));
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    public Task InitializeAsync()
    {
        // The postgres user must pass through to the data directory, as it does through /var/tmp.
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await RunScript.ShellAsync(
        $". scripts/infra.sh; stop_rabbitmq '{DataDirectory}/rabbitmq'; stop_postgres '{DataDirectory}/postgres'; as_root rm -rf '{root}'");
}

/// <summary>One ./run.sh process, started in its own session so that stopping it stops everything it started.</summary>
internal sealed class RunScript : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private RunScript(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int ExitCode => process.ExitCode;

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

    public static RunScript Start(string dataDirectory, string runDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(TestPaths.RepositoryRoot(), "run.sh"), .. arguments])
        {
            WorkingDirectory = TestPaths.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["POLRI110_DATA_DIR"] = dataDirectory;
        start.Environment["POLRI110_RUN_DIR"] = runDirectory;
        return new RunScript(Process.Start(start)!);
    }

    public static async Task<RunScript> RunToEndAsync(string dataDirectory, string runDirectory, TimeSpan patience)
    {
        var run = Start(dataDirectory, runDirectory);
        using var timeout = new CancellationTokenSource(patience);
        await run.process.WaitForExitAsync(timeout.Token);
        run.process.WaitForExit(); // the output readers finish
        return run;
    }

    public async Task WaitUntilUpAsync(TimeSpan patience) =>
        await Eventually.TrueAsync(
            () => process.HasExited
                ? throw new InvalidOperationException($"run.sh exited with {process.ExitCode}:\n{Output}")
                : Task.FromResult(Output.Contains("Ctrl-C stops everything")),
            patience, "run.sh to say the system is up");

    /// <summary>As a script stopping ./run.sh does: TERM (a background shell ignores SIGINT).</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString()]);
            await term.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(patience.Token);
        }
    }

    /// <summary>Runs shell commands in the checkout and returns what they printed.</summary>
    public static async Task<string> OutputOfAsync(string commands)
    {
        using var shell = Process.Start(new ProcessStartInfo("bash", ["-c", commands])
        {
            WorkingDirectory = TestPaths.RepositoryRoot(),
            RedirectStandardOutput = true,
        })!;
        var output = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync();
        return output;
    }

    public static Task ShellAsync(string commands) => OutputOfAsync(commands);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunScriptCollection
{
    public const string Name = "run.sh";
}
