using System.Diagnostics.CodeAnalysis;

namespace Polri110.ServiceDefaults.Privacy;

/// <summary>
/// The one place a caller's number is normalised (SPEC §4, "Callers"), so that <c>0812-3456-7890</c>, <c>62812…</c> and
/// <c>+62 812 …</c> are one caller. Indonesian numbers become E.164 (<c>+62…</c>, landlines with their area code:
/// <c>(021) 555-1234</c> → <c>+62215551234</c>); foreign numbers given with <c>+</c> or <c>00</c> keep their country code;
/// short service numbers such as <c>112</c> or <c>14045</c> stay as they are.
/// </summary>
public static class PhoneNumbers
{
    public const string Rule =
        "A phone number: Indonesian (0812-3456-7890, 62812…, +62 812…, (021) 555-1234), international with + or 00, " +
        "or a short number of 3 to 6 digits; digits with spaces, dots, dashes or brackets only.";

    private const string Indonesia = "62";

    // The national significant number after +62: area code or mobile prefix, then subscriber (7 to 12 digits).
    private const int MinNational = 7, MaxNational = 12;

    // E.164 allows 15 digits in all; the shortest real international numbers have about 7.
    private const int MinInternational = 7, MaxInternational = 15;

    /// <summary>The number in E.164 (or as a short number), or false when it is not a phone number.</summary>
    public static bool TryNormalise(string? typed, [NotNullWhen(true)] out string? normalised)
    {
        normalised = null;
        if (typed is null || typed.Length > 40)
        {
            return false;
        }

        var trimmed = typed.Trim();
        var international = trimmed.StartsWith('+');
        var digits = new System.Text.StringBuilder(16);
        foreach (var c in international ? trimmed[1..] : trimmed)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        var number = digits.ToString();
        if (!international && number.StartsWith("00", StringComparison.Ordinal))
        {
            // 00 is the international call prefix: 0062… is +62….
            (international, number) = (true, number[2..]);
        }

        normalised = (international, number) switch
        {
            (true, _) when number.StartsWith(Indonesia, StringComparison.Ordinal) => Indonesian(number[Indonesia.Length..]),
            (true, _) => number.Length is >= MinInternational and <= MaxInternational && number[0] != '0' ? "+" + number : null,
            // Short service and emergency numbers (112, 14045) are kept as dialled.
            (false, _) when number.Length is >= 3 and <= 6 && number[0] != '0' => number,
            (false, _) when number.StartsWith('0') => Indonesian(number[1..]),
            (false, _) when number.StartsWith(Indonesia, StringComparison.Ordinal) => Indonesian(number[Indonesia.Length..]),
            // A mobile number typed without its leading 0 (812…).
            (false, _) when number.StartsWith('8') => Indonesian(number),
            _ => null,
        };
        return normalised is not null;
    }

    /// <summary>+62 and the national number; a trunk 0 typed after the country code (+62 0812…) is dropped.</summary>
    private static string? Indonesian(string national)
    {
        if (national.StartsWith('0'))
        {
            national = national[1..];
        }

        return national.Length is >= MinNational and <= MaxNational && national[0] != '0' ? "+" + Indonesia + national : null;
    }
}
