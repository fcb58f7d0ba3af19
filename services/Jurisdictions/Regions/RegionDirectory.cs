using System.Globalization;
using System.Text;

namespace Polri110.Jurisdictions.Regions;

/// <summary>A region found by name, with the names above it so an operator can tell the two Tangerangs apart.</summary>
public sealed record RegionMatch(string Code, string Name, RegionLevel Level, string Path);

/// <summary>
/// Every region of Indonesia in memory: 38 provinces, 514 regencies/cities, 7,285 districts, 83,762 villages,
/// loaded once from the vendored idn-area-data files. Lookups by code are dictionary reads; search by name scans
/// pre-normalised names, which takes about a millisecond, so it can run on every keystroke.
/// </summary>
public sealed class RegionDirectory
{
    private readonly Dictionary<string, Region> byCode;
    private readonly (string Name, Region Region)[] searchable;

    private RegionDirectory(IEnumerable<Region> regions)
    {
        byCode = regions.ToDictionary(region => region.Code, StringComparer.Ordinal);
        // Broader regions first, so a search shows the regency before its districts and villages.
        searchable = byCode.Values
            .OrderBy(region => region.Level).ThenBy(region => region.Code, StringComparer.Ordinal)
            .Select(region => (Normalise(region.Name), region))
            .ToArray();
    }

    public IEnumerable<Region> All => byCode.Values;

    public int CountOf(RegionLevel level) => byCode.Values.Count(region => region.Level == level);

    public static RegionDirectory LoadShipped()
    {
        var regions = new List<Region>(92_000);
        regions.AddRange(Read("provinces.csv", fields => new Region(fields[0], fields[1], RegionLevel.Province, null)));
        regions.AddRange(Read("regencies.csv", fields => new Region(fields[0], fields[2], RegionLevel.Regency, fields[1])));
        regions.AddRange(Read("districts.csv", fields => new Region(fields[0], fields[2], RegionLevel.District, fields[1])));
        regions.AddRange(Read("villages.csv", fields => new Region(fields[0], fields[2], RegionLevel.Village, fields[1])));
        return new RegionDirectory(regions);
    }

    public Region? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>The region and every region above it, province first.</summary>
    public IReadOnlyList<Region> Lineage(Region region)
    {
        var lineage = new List<Region> { region };
        while (lineage[0].ParentCode is { } parent && byCode.TryGetValue(parent, out var above))
        {
            lineage.Insert(0, above);
        }

        return lineage;
    }

    /// <summary>Regions whose name contains the text; those where it starts a word come first, broader levels before narrower.</summary>
    public IReadOnlyList<RegionMatch> Search(string text, int limit)
    {
        var query = Normalise(text);
        if (query.Length < 2)
        {
            return [];
        }

        var wordStarts = new List<Region>();
        var elsewhere = new List<Region>();
        foreach (var (name, region) in searchable)
        {
            var at = name.IndexOf(query, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            if (at == 0 || name[at - 1] == ' ')
            {
                if (wordStarts.Count < limit)
                {
                    wordStarts.Add(region);
                }
            }
            else if (elsewhere.Count < limit)
            {
                elsewhere.Add(region);
            }

            if (wordStarts.Count == limit)
            {
                break;
            }
        }

        return wordStarts.Concat(elsewhere).Take(limit)
            .Select(region => new RegionMatch(region.Code, region.Name, region.Level, string.Join(" › ", Lineage(region).Select(r => r.Name))))
            .ToList();
    }

    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<Region> Read(string file, Func<IReadOnlyList<string>, Region> toRegion)
    {
        using var stream = typeof(RegionDirectory).Assembly.GetManifestResourceStream($"regions/{file}")
                           ?? throw new InvalidOperationException($"Region data {file} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        reader.ReadLine(); // header
        var regions = new List<Region>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            regions.Add(toRegion(Csv.Fields(line)));
        }

        return regions;
    }
}
