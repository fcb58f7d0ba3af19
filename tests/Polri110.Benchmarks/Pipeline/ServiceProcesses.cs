using System.Diagnostics;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>The service processes ./run.sh started on this machine, found by their command line.</summary>
public static class ServiceProcesses
{
    public static readonly string[] Pipeline = ["Intake", "Routing", "Dispatch", "Tracking"];

    /// <summary>Process id and service of every running Polri110.&lt;Service&gt;.dll of the pipeline.</summary>
    public static IReadOnlyList<(int Pid, string Service)> Running()
    {
        var running = new List<(int, string)>();
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(process, "cmdline")).Replace('\0', ' ');
                if (Pipeline.FirstOrDefault(s => commandLine.Contains($"Polri110.{s}.dll") && !commandLine.Contains(" migrate")) is { } service)
                {
                    running.Add((pid, service));
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return running;
    }

    /// <summary>VmHWM: the most resident memory the process ever held, in MiB; null once it has ended.</summary>
    public static double? PeakResidentMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>kill -9 every service of the pipeline, as a crash of the machine's processes would; run.sh starts them again.</summary>
    public static async Task KillAllAsync()
    {
        var killed = Running().Select(running => running.Pid).ToHashSet();
        foreach (var pid in killed)
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // Gone already.
            }
        }

        while (Running().Any(running => killed.Contains(running.Pid)))
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Until every service answers ready again at its usual port.</summary>
    public static async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        foreach (var port in new[] { 5110, 5120, 5130, 5140 })
        {
            while (true)
            {
                try
                {
                    if ((await http.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Still starting.
                }

                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"The service on port {port} was not ready {timeout.TotalSeconds:N0} s after the restart.");
                }

                await Task.Delay(100);
            }
        }
    }
}
