namespace Polri110.Jurisdictions.Regions;

public enum RegionLevel
{
    Province = 1,
    Regency = 2,
    District = 3,
    Village = 4,
}

/// <summary>A province, regency/city, district or village, by its Kemendagri code (36, 36.71, 36.71.01, 36.71.01.1001).</summary>
public sealed record Region(string Code, string Name, RegionLevel Level, string? ParentCode);
