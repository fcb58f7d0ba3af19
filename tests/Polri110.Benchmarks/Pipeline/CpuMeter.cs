using Npgsql;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>
/// CPU time used so far on this machine by each part of the system (from /proc): the four services, the console,
/// PostgreSQL (its live backends, plus what exited backends left to the postmaster), RabbitMQ's Erlang VM, and this
/// benchmark (the load generator shares the cores). The difference of two readings, per report, says where the two
/// cores go.
/// </summary>
public static class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The part this benchmark's own process is counted under.</summary>
    public const string LoadGenerator = "benchmark (load generator)";

    /// <summary>The part RabbitMQ's Erlang VM is counted under.</summary>
    public const string Broker = "RabbitMQ";

    /// <param name="postgresBackends">
    /// Where given (<see cref="NameBackendsAsync"/>), a PostgreSQL backend serving one of these connections counts as
    /// "PostgreSQL for" its application, so the database's CPU splits by the service that asked for the work.
    /// </param>
    public static IReadOnlyDictionary<string, double> Read(IReadOnlyDictionary<int, string>? postgresBackends = null)
    {
        var seconds = new SortedDictionary<string, double>();
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(process, "stat"));
                var command = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After the name: state is field 0, utime 11, stime 12, cutime 13, cstime 14.
                double Field(int index) => long.Parse(fields[index]) / TicksPerSecond;
                var own = Field(11) + Field(12);
                var part = command switch
                {
                    "postgres" when postgresBackends?.GetValueOrDefault(pid) is { Length: > 0 } application =>
                        $"PostgreSQL for {application}",
                    "postgres" => "PostgreSQL",
                    "beam.smp" => Broker,
                    _ => PartOf(File.ReadAllText(Path.Combine(process, "cmdline")).Replace('\0', ' ')),
                };
                if (part is null)
                {
                    continue;
                }

                // The postmaster keeps the time of its backends that exited (its children).
                seconds[part] = seconds.GetValueOrDefault(part) + own + (part == "PostgreSQL" ? Field(13) + Field(14) : 0);
            }
            catch (Exception e) when (e is IOException or FormatException or ArgumentOutOfRangeException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return seconds;
    }

    /// <summary>The PostgreSQL backends now connected, by process id, with the application_name their client gave.</summary>
    public static async Task<IReadOnlyDictionary<int, string>> NameBackendsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid, application_name FROM pg_stat_activity WHERE backend_type = 'client backend'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var backends = new Dictionary<int, string>();
        while (await reader.ReadAsync())
        {
            backends[reader.GetInt32(0)] = reader.GetString(1);
        }

        return backends;
    }

    /// <summary>CPU milliseconds per report of each part between two readings.</summary>
    public static IReadOnlyDictionary<string, double> PerReport(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, int reports) =>
        after.Where(part => reports > 0).ToDictionary(
            part => part.Key, part => Math.Max(0, part.Value - before.GetValueOrDefault(part.Key)) * 1000 / reports);

    /// <summary>CPU milliseconds per report as Markdown table rows ("| part | ms |"), the largest part first.</summary>
    public static string MarkdownRows(IReadOnlyDictionary<string, double> perReport) =>
        string.Join("\n", perReport.OrderByDescending(part => part.Value).Select(part => $"| {part.Key} | {part.Value:N2} |"));

    private static string? PartOf(string commandLine)
    {
        foreach (var service in ServiceProcesses.Pipeline.Append("Console"))
        {
            if (commandLine.Contains($"Polri110.{service}.dll") && !commandLine.Contains(" migrate"))
            {
                return service;
            }
        }

        return commandLine.Contains("Polri110.Benchmarks") ? LoadGenerator : null;
    }
}
