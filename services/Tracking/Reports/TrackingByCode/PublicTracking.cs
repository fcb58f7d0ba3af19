using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Polri110.Tracking.Reports.TrackingByCode;

/// <summary>
/// What lets a caller, and nobody else, look up a report by its tracking code: the code together with the last
/// digits of the number they called from. Tracking keeps only a hash of the two, never the digits.
/// </summary>
public static partial class PublicTracking
{
    /// <summary>How many trailing digits of the caller's number the caller gives (all of them for a shorter number).</summary>
    public const int PhoneDigits = 4;

    /// <summary>Tracking codes as Intake issues them, e.g. 110-7KQ2-M9XD (case does not matter).</summary>
    [GeneratedRegex("^110-[23456789A-HJKMNP-TV-Z]{4}-[23456789A-HJKMNP-TV-Z]{4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex TrackingCodePattern();

    [GeneratedRegex("^[0-9]{3,4}$", RegexOptions.CultureInvariant)]
    public static partial Regex PhoneDigitsPattern();

    /// <summary>The check stored with a report, from its tracking code and the caller's full number.</summary>
    public static string? CheckOf(string trackingCode, string callerPhone)
    {
        var digits = new string(callerPhone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : CheckFor(trackingCode, digits[^Math.Min(PhoneDigits, digits.Length)..]);
    }

    /// <summary>The check a caller's request makes, from the tracking code and the digits they typed.</summary>
    public static string CheckFor(string trackingCode, string phoneDigits) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{trackingCode.ToUpperInvariant()}|{phoneDigits}")));
}
