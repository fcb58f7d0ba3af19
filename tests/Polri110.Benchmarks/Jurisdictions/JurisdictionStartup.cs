using System.Diagnostics;
using Polri110.Jurisdictions.Map;
using Polri110.Jurisdictions.Regions;

namespace Polri110.Benchmarks.Jurisdictions;

/// <summary>What loading every region and the map costs a service at start: time and retained managed memory.</summary>
public static class JurisdictionStartup
{
    public static void Measure()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var regions = RegionDirectory.LoadShipped();
        var regionsTime = clock.Elapsed;
        clock.Restart();
        var map = JurisdictionMap.LoadShipped();
        var mapTime = clock.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Console.WriteLine($"""

            | start-up (cold, first load in this process) | value |
            |---|---|
            | regions loaded | {regions.All.Count():N0} |
            | region directory load | {regionsTime.TotalMilliseconds:N0} ms |
            | jurisdiction map {map.Version} load ({map.PoldaCount} Polda, {map.PolresCount} Polres, {map.PolsekCount:N0} Polsek) | {mapTime.TotalMilliseconds:N0} ms |
            | managed memory retained by both | {(after - before) / 1024.0 / 1024.0:N1} MiB |

            """);
        GC.KeepAlive(regions);
        GC.KeepAlive(map);
    }
}
