namespace Polri110.Benchmarks.Pipeline;

/// <summary>A service's peak resident memory, and what its largest sample was made of.</summary>
/// <param name="PeakMiB">VmHWM: the most the process ever held resident, the figure issue 13's target is set on.</param>
public sealed record ServiceMemory(double PeakMiB, MemorySample LargestSample);

/// <summary>One reading of a process's resident memory (<c>/proc/&lt;pid&gt;/smaps</c>), by where it comes from.</summary>
/// <param name="FilesMiB">Pages mapped from files: the runtime, the framework and libraries compiled ahead, native libraries.</param>
/// <param name="FilesMappedTwiceMiB">
/// Of <paramref name="FilesMiB"/>, the second, whole-file view the runtime keeps of every assembly compiled ahead
/// (ReadyToRun) on Linux besides the one it runs from (dotnet/runtime#112901): the same page-cache pages, counted
/// twice by the process's resident total, once by the machine.
/// </param>
/// <param name="GeneratedCodeMiB">Code the runtime generated while running (compiled methods, stubs), in its double-mapped memory.</param>
/// <param name="HeapAndNativeMiB">Anonymous memory: the managed heap, thread stacks, native allocations.</param>
public sealed record MemorySample(double FilesMiB, double FilesMappedTwiceMiB, double GeneratedCodeMiB, double HeapAndNativeMiB)
{
    public double TotalMiB => FilesMiB + GeneratedCodeMiB + HeapAndNativeMiB;
}

/// <summary>
/// Samples each service's <c>/proc/&lt;pid&gt;/smaps</c> every 2 s while the benchmark runs and keeps, per service, the
/// sample with the most resident memory, split by where it comes from. Reading smaps costs a few milliseconds a
/// process: negligible beside the services' work at 2 s intervals.
/// </summary>
public sealed class MemoryWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Dictionary<string, MemorySample> largest = [];
    private readonly Task sampling;

    public MemoryWatch() => sampling = SampleAsync(stop.Token);

    /// <summary>Per service: VmHWM now, and the largest sample's parts.</summary>
    public IReadOnlyDictionary<string, ServiceMemory> Peaks()
    {
        lock (largest)
        {
            var peaks = new SortedDictionary<string, ServiceMemory>();
            foreach (var (pid, service) in ServiceProcesses.Running())
            {
                if (ServiceProcesses.PeakResidentMiB(pid) is { } peak && largest.TryGetValue(service, out var sample))
                {
                    peaks[service] = new ServiceMemory(peak, sample);
                }
            }

            return peaks;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        do
        {
            foreach (var (pid, service) in ServiceProcesses.Running())
            {
                if (Sample(pid) is not { } sample)
                {
                    continue;
                }

                lock (largest)
                {
                    if (!largest.TryGetValue(service, out var before) || sample.TotalMiB > before.TotalMiB)
                    {
                        largest[service] = sample;
                    }
                }
            }
        }
        while (await Waited(timer, cancellationToken));
    }

    private static async Task<bool> Waited(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static MemorySample? Sample(int pid)
    {
        double files = 0, filesTwice = 0, generated = 0, anonymous = 0;
        string? path = null;
        var sharedView = false;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
            {
                if (IsMappingHeader(line, out var fields))
                {
                    path = fields.Length > 5 ? fields[5] : null;
                    sharedView = fields[1] == "r--s";
                }
                else if (line.StartsWith("Rss:", StringComparison.Ordinal))
                {
                    var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
                    if (path is null || path.StartsWith('['))
                    {
                        anonymous += kib;
                    }
                    else if (path.Contains("doublemapper", StringComparison.Ordinal))
                    {
                        generated += kib;
                    }
                    else
                    {
                        files += kib;
                        filesTwice += sharedView && path.EndsWith(".dll", StringComparison.Ordinal) ? kib : 0;
                    }
                }
            }
        }
        catch (IOException)
        {
            return null; // the process ended while we looked (a restart)
        }

        return new MemorySample(files, filesTwice, generated, anonymous);
    }

    // "7f0c21000000-7f0c21a0f000 r--s 00000000 fe:00 5318165   /path": an address range opens each mapping's block;
    // the lines inside it ("Rss:   2624 kB") start with a field name.
    private static bool IsMappingHeader(string line, out string[] fields)
    {
        var space = line.IndexOf(' ');
        if (space <= 0 || line.IndexOf('-', 0, space) <= 0 || line[space - 1] == ':')
        {
            fields = [];
            return false;
        }

        fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return true;
    }
}
