using System.Globalization;

namespace Polri110.Console.Language;

/// <summary>
/// Indonesia's three time zones, chosen by a place's province (the first part of its region code): WIB (UTC+7) in
/// Sumatra, Java and West and Central Kalimantan; WITA (UTC+8) in Bali, Nusa Tenggara, the rest of Kalimantan and
/// Sulawesi; WIT (UTC+9) in Maluku and Papua. Indonesia keeps no daylight saving time, so the offsets are fixed.
/// </summary>
public static class IndonesianTime
{
    private static readonly HashSet<string> Wita = ["51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"];
    private static readonly HashSet<string> Wit = ["81", "82", "91", "92", "93", "94", "95", "96"];

    public static (string Zone, TimeSpan Offset) ZoneOf(string? regionCode)
    {
        var province = regionCode is { Length: >= 2 } ? regionCode[..2] : "";
        return Wit.Contains(province) ? ("WIT", TimeSpan.FromHours(9))
            : Wita.Contains(province) ? ("WITA", TimeSpan.FromHours(8))
            : ("WIB", TimeSpan.FromHours(7));
    }

    /// <summary>"29 Nov 2026 14.05 WIB": the moment in the place's own zone, in the page's language.</summary>
    public static string Format(DateTimeOffset? moment, string? regionCode, bool withSeconds = false)
    {
        if (moment is not { } value)
        {
            return "—";
        }

        var (zone, offset) = ZoneOf(regionCode);
        var local = value.ToOffset(offset);
        var time = local.ToString(withSeconds ? "T" : "t", CultureInfo.CurrentCulture);
        return $"{local.ToString("d MMM yyyy", CultureInfo.CurrentCulture)} {time} {zone}";
    }
}
