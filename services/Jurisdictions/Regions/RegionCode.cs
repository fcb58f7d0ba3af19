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

    [GeneratedRegex(@"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$")]
    private static partial Regex Pattern();
}
