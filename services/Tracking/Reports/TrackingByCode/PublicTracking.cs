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

    /// <summary>Where the tries at a tracking code are counted: keyed, so the counts do not name the codes tried.</summary>
    internal string CounterIdOf(string trackingCode) => Sign($"tries|{trackingCode.ToUpperInvariant()}");
}

/// <summary>
/// What lets a caller, and nobody else, look up a report by its tracking code: the code together with the last
/// digits of the number they called from. Tracking keeps only a keyed hash of the two, never the digits.
/// </summary>
public static partial class PublicTracking
{
    /// <summary>How many trailing digits of the caller's number the caller gives (all of them for a shorter number).</summary>
    public const int PhoneDigits = 4;

    /// <summary>What an unknown code's digits are compared against: the length of a check, and no HMAC's value.</summary>
    private static readonly string NoCheck = new('0', 2 * HMACSHA256.HashSizeInBytes);

    /// <summary>Tracking codes as Intake issues them, e.g. 110-7KQ2-M9XD (case does not matter).</summary>
    [GeneratedRegex(
        "^110-[23456789A-HJKMNP-TV-Z]{4}-[23456789A-HJKMNP-TV-Z]{4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
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

    /// <summary>
    /// Whether the digits typed match a report's stored check (null: no report, or one without a number), with the
    /// same work either way: the request's check is computed and compared in constant time against the stored one or,
    /// for no report, a stand-in no HMAC will equal, so the time taken does not tell a known code from an unknown one.
    /// </summary>
    public static bool Matches(PublicLookupKey key, string trackingCode, string phoneDigits, string? storedCheck)
    {
        var typed = Convert.FromHexString(CheckFor(key, trackingCode, phoneDigits));
        var stored = Convert.FromHexString(storedCheck ?? NoCheck);
        return CryptographicOperations.FixedTimeEquals(typed, stored) & storedCheck is not null;
    }
}
