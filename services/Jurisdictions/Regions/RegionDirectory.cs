using System.Globalization;
using System.Text;

namespace Polri110.Jurisdictions.Regions;

/// <summary>A region found by name, with the names above it so an operator can tell the two Tangerangs apart.</summary>
public sealed record RegionMatch(string Code, string Name, RegionLevel Level, string Path);

/// <summary>
/// Every region of Indonesia in memory: 38 provinces, 514 regencies/cities, 7,285 districts, 83,762 villages,
/// loaded once from the vendored idn-area-data files. Lookups by code are a binary search; search by name scans
/// the pre-normalised names in one string, about 0.1 ms, so it can run on every keystroke.
/// </summary>
/// <remarks>
/// Kept compact, because Intake and Routing each hold it for their lifetime: a code is packed into one number (its
/// parent and level follow from it), the names are one string, and the normalised names for search are another, made on
/// the first search (Intake only checks codes). About 5 MiB instead of the 24 MiB that a <see cref="Region"/> object per
/// region took (issue 13's note: the services' peak memory). <see cref="Region"/>s are made when asked for.
/// </remarks>
public sealed class RegionDirectory
{
    // Regions in search order: broader levels first, then by code. The packed keys sort the same way, so a code is found
    // by binary search in keys.
    private readonly long[] keys;
    private readonly string names;
    private readonly int[] nameStarts; // region i's name is names[nameStarts[i]..nameStarts[i + 1]]
    private readonly Lazy<SearchText> searchText;

    private RegionDirectory(List<(long Key, string Name)> regions)
    {
        regions.Sort((a, b) => a.Key.CompareTo(b.Key));
        keys = new long[regions.Count];
        nameStarts = new int[regions.Count + 1];
        var all = new StringBuilder(regions.Sum(region => region.Name.Length));
        for (var i = 0; i < regions.Count; i++)
        {
            if (i > 0 && regions[i].Key == keys[i - 1])
            {
                throw new InvalidOperationException($"Region {CodeOf(keys[i - 1])} is listed twice.");
            }

            keys[i] = regions[i].Key;
            nameStarts[i] = all.Length;
            all.Append(regions[i].Name);
        }

        nameStarts[regions.Count] = all.Length;
        names = all.ToString();
        searchText = new Lazy<SearchText>(() => SearchText.Of(this));
    }

    public IEnumerable<Region> All => Enumerable.Range(0, keys.Length).Select(RegionAt);

    public int CountOf(RegionLevel level) => keys.Count(key => LevelOf(key) == level);

    public static RegionDirectory LoadShipped()
    {
        var regions = new List<(long, string)>(92_000);
        Read("provinces.csv", RegionLevel.Province, fields => (fields[0], null, fields[1]), regions);
        Read("regencies.csv", RegionLevel.Regency, fields => (fields[0], fields[1], fields[2]), regions);
        Read("districts.csv", RegionLevel.District, fields => (fields[0], fields[1], fields[2]), regions);
        Read("villages.csv", RegionLevel.Village, fields => (fields[0], fields[1], fields[2]), regions);
        return new RegionDirectory(regions);
    }

    public Region? Find(string code)
    {
        var index = IndexOf(code);
        return index < 0 ? null : RegionAt(index);
    }

    /// <summary>Whether the code is a region's, without making the region (Intake checks every report's).</summary>
    public bool Contains(string code) => IndexOf(code) >= 0;

    /// <summary>The region and every region above it, province first.</summary>
    public IReadOnlyList<Region> Lineage(Region region)
    {
        var lineage = new List<Region> { region };
        while (lineage[0].ParentCode is { } parent && Find(parent) is { } above)
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

        var wordStarts = new List<int>();
        var elsewhere = new List<int>();
        var search = searchText.Value;
        for (var from = 0; from < search.Text.Length;)
        {
            // The query holds no line break, so a match lies within one region's name: its first one there counts.
            var at = search.Text.IndexOf(query, from, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            var region = search.RegionAt(at);
            if (at == search.Starts[region] || search.Text[at - 1] == ' ')
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

            from = search.Starts[region + 1];
        }

        return wordStarts.Concat(elsewhere).Take(limit)
            .Select(RegionAt)
            .Select(region => new RegionMatch(
                region.Code, region.Name, region.Level, string.Join(" › ", Lineage(region).Select(above => above.Name))))
            .ToList();
    }

    private int IndexOf(string code)
    {
        var key = KeyOf(code);
        return key < 0 ? -1 : Math.Max(-1, Array.BinarySearch(keys, key));
    }

    private Region RegionAt(int index)
    {
        var code = CodeOf(keys[index]);
        var name = names[nameStarts[index]..nameStarts[index + 1]];
        return new Region(code, name, LevelOf(keys[index]), RegionCode.ParentOf(code));
    }

    // A code's level and digits in one number: level × 10^10 + its digits, followed by zeros to the village's ten
    // (36.71 is 2 × 10^10 + 3,671,000,000). Codes have fixed widths per level (RegionCode), so these sort as the codes
    // do within a level; a code that is not well formed has no key (-1).
    private const long LevelFactor = 10_000_000_000;
    private static readonly int[] DigitsUpTo = [0, 2, 4, 6, 10]; // a code of level L has DigitsUpTo[L] digits

    private static long KeyOf(string code)
    {
        if (!RegionCode.IsWellFormed(code))
        {
            return -1;
        }

        long number = 0;
        var digits = 0;
        foreach (var c in code)
        {
            if (c != '.')
            {
                number = number * 10 + (c - '0');
                digits++;
            }
        }

        var level = Array.IndexOf(DigitsUpTo, digits);
        for (; digits < DigitsUpTo[^1]; digits++)
        {
            number *= 10;
        }

        return level * LevelFactor + number;
    }

    private static string CodeOf(long key)
    {
        var level = (int)LevelOf(key);
        var digits = (key % LevelFactor).ToString("D10", CultureInfo.InvariantCulture);
        var code = new StringBuilder(13);
        for (var segment = 1; segment <= level; segment++)
        {
            if (segment > 1)
            {
                code.Append('.');
            }

            code.Append(digits, DigitsUpTo[segment - 1], DigitsUpTo[segment] - DigitsUpTo[segment - 1]);
        }

        return code.ToString();
    }

    private static RegionLevel LevelOf(long key) => (RegionLevel)(key / LevelFactor);

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

    /// <param name="fieldsOf">The code, the parent's code (null for a province) and the name, from one line's fields.</param>
    private static void Read(
        string file,
        RegionLevel level,
        Func<IReadOnlyList<string>, (string Code, string? Parent, string Name)> fieldsOf,
        List<(long, string)> into)
    {
        using var stream = EmbeddedData.Open($"regions/{file}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var (code, parent, name) = fieldsOf(Csv.Fields(line));
            var key = KeyOf(code);
            // The parent and level are read off the code, so the data must say the same.
            if (key < 0 || LevelOf(key) != level || parent != RegionCode.ParentOf(code))
            {
                throw new InvalidOperationException(
                    $"{file}: '{code}' is not a {level.ToString().ToLowerInvariant()} code under '{parent}'.");
            }

            into.Add((key, name));
        }
    }

    /// <summary>The normalised names one after the other, each ended by a line break, and where each starts.</summary>
    private sealed record SearchText(string Text, int[] Starts)
    {
        public static SearchText Of(RegionDirectory directory)
        {
            var text = new StringBuilder(directory.names.Length + directory.keys.Length);
            var starts = new int[directory.keys.Length + 1];
            for (var i = 0; i < directory.keys.Length; i++)
            {
                starts[i] = text.Length;
                text.Append(Normalise(directory.names[directory.nameStarts[i]..directory.nameStarts[i + 1]])).Append('\n');
            }

            starts[directory.keys.Length] = text.Length;
            return new SearchText(text.ToString(), starts);
        }

        /// <summary>The region whose normalised name holds the position.</summary>
        public int RegionAt(int position)
        {
            var found = Array.BinarySearch(Starts, position);
            return found >= 0 ? found : ~found - 1;
        }
    }
}
