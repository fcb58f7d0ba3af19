using BenchmarkDotNet.Attributes;
using Polri110.Jurisdictions.Map;
using Polri110.Jurisdictions.Regions;

namespace Polri110.Benchmarks.Jurisdictions;

[MemoryDiagnoser]
[ShortRunJob]
public class JurisdictionBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private RegionDirectory regions = null!;
    private JurisdictionMap map = null!;
    private string[] villageCodes = [];
    private int next;

    [GlobalSetup]
    public void Load()
    {
        regions = RegionDirectory.LoadShipped();
        map = JurisdictionMap.LoadShipped();
        villageCodes = regions.All.Where(region => region.Level == RegionLevel.Village).Select(region => region.Code).ToArray();
    }

    /// <summary>What Routing does per report: is the code a region, and who answers for it.</summary>
    [Benchmark]
    public Jurisdiction? ResolveVillage()
    {
        var code = villageCodes[next++ % villageCodes.Length];
        return regions.Find(code) is null ? null : map.Resolve(code, Today);
    }

    /// <summary>A keystroke in the operator's region field: a common name with many matches.</summary>
    [Benchmark]
    public int SearchTangerang() => regions.Search("tangerang", 20).Count;

    /// <summary>A rare name: the whole directory is scanned.</summary>
    [Benchmark]
    public int SearchRareName() => regions.Search("wamena", 20).Count;

    /// <summary>Two letters, the shortest query: many matches, stops early.</summary>
    [Benchmark]
    public int SearchTwoLetters() => regions.Search("ba", 20).Count;
}
