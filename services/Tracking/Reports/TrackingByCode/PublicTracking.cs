using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Polri110.Tracking.Reports.TrackingByCode;

/// <summary>
/// The secret the lookup checks are keyed with: <c>Tracking:LookupKey</c> (a random string). Keyed, so that someone
/// who can read the database cannot recover a caller's last digits by trying all 10,000 (changing the key makes existing
/// reports unfindable until the read model is rebuilt).
/// </summary>
public sealed class PublicLookupKey(byte[] key)
{
    public static PublicLookupKey From(IConfiguration configuration)
    {
        var secret = configuration["Tracking:LookupKey"] is { Length: >= 32 } configured
            ? configured
            : throw new InvalidOperationException(
                "Tracking:LookupKey is not configured: a random string of at least 32 characters keys the public lookup.");
        return new PublicLookupKey(SHA256.HashData(Encoding.UTF8.GetBytes($"polri110 public lookup|{secret}")));
    }

    internal string Sign(string text) => Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// What lets a caller, and nobody else, look up a report by its tracking code: the code together with the last
/// digits of the number they called from. Tracking keeps only a keyed hash of the two, never the digits.
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
    public static string? CheckOf(PublicLookupKey key, string trackingCode, string callerPhone)
    {
        var digits = new string(callerPhone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : CheckFor(key, trackingCode, digits[^Math.Min(PhoneDigits, digits.Length)..]);
    }

    /// <summary>The check a caller's request makes, from the tracking code and the digits they typed.</summary>
    public static string CheckFor(PublicLookupKey key, string trackingCode, string phoneDigits) =>
        key.Sign($"{trackingCode.ToUpperInvariant()}|{phoneDigits}");
}
