using System.Security.Cryptography;

namespace Polri110.Intake.Reports.ReceivingReport;

/// <summary>
/// Tracking codes are read out over the phone: "110-7KQM-3XHD". The alphabet leaves out 0/O, 1/I/L and U,
/// so a code cannot be misheard or misread; 30^8 ≈ 6.6e11 codes make a clash rare, and a clash is refused
/// by the store (<see cref="TrackingCodeClaim"/>) and retried with a new code.
/// </summary>
public static class TrackingCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"110-{code[..4]}-{code[4..]}";
    }
}

/// <summary>Makes a tracking code unique: its id is the code itself.</summary>
public sealed record TrackingCodeClaim(string Id, Guid ReportId);
