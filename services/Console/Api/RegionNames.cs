namespace Polri110.Console.Api;

/// <summary>How a region found by Routing's search reads in the place lists.</summary>
public static class RegionNames
{
    /// <summary>One delegate, kept: the lists treat a new delegate as a changed parameter and rewrite their text.</summary>
    public static readonly Func<RegionMatch?, string?> Describe = region => region is null ? "" : $"{region.Name} — {region.Path}";
}
