using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Polri110.ServiceDefaults.Privacy;

/// <summary>
/// What read models and audit records hold instead of a caller's number: an HMAC of the normalised number, keyed by
/// <c>Privacy:CallerKey</c> (a random string; Intake and Tracking need it, and the same one). Keyed, so that someone
/// who can read the database cannot find a number's history by hashing every number (changing the key makes the
/// per-caller read model unfindable until it is rebuilt).
/// </summary>
public sealed class CallerKey(byte[] key)
{
    public static CallerKey From(IConfiguration configuration)
    {
        // Its own secret: token keys are asymmetric now, and rotating them must not orphan the per-caller index.
        var secret = configuration["Privacy:CallerKey"] is { Length: >= 32 } configured
            ? configured
            : throw new InvalidOperationException(
                "Privacy:CallerKey is not configured: a random string of at least 32 characters keys callers' numbers.");
        return new CallerKey(SHA256.HashData(Encoding.UTF8.GetBytes($"polri110 caller|{secret}")));
    }

    /// <param name="normalisedPhone">A number as <see cref="PhoneNumbers.TryNormalise"/> returns it.</param>
    public string Of(string normalisedPhone) =>
        Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalisedPhone)));
}
