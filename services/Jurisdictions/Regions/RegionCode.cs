using System.Text.RegularExpressions;

namespace Polri110.Jurisdictions.Regions;

public static partial class RegionCode
{
    /// <summary>Two digits per level down to the district, four for the village, separated by dots.</summary>
    public static bool IsWellFormed(string? code) => code is not null && Pattern().IsMatch(code);

    /// <summary>The code and its ancestors, most specific first: 36.71.01.1001, 36.71.01, 36.71, 36.</summary>
    public static IEnumerable<string> SelfAndAncestors(string code)
    {
        for (var end = code.Length; end > 0; end = code.LastIndexOf('.', end - 1))
        {
            yield return code[..end];
        }
    }

    /// <summary>The code of the region one level up (36.71.01 for 36.71.01.1001), or null for a province.</summary>
    public static string? ParentOf(string code) => code.LastIndexOf('.') is var end and > 0 ? code[..end] : null;

    // \z, not $: $ also matches before a final line break, and "36.71\n" is no code.
    [GeneratedRegex(@"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?\z")]
    private static partial Regex Pattern();
}
