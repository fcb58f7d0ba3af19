namespace Polri110.Benchmarks.Callers;

/// <summary>
/// Who calls 110, as the seeded history has it: most calls are not incidents (Polda DIY 2023: 29,707 of 30,278 were
/// pranks, silent calls or misdials), a few numbers call hundreds of times, most call once or a few times.
/// Deterministic: report i always comes from the same number with the same call type.
/// </summary>
public static class CallerPopulation
{
    /// <summary>Numbers that make a tenth of all calls between them, nearly all pranks and abuse.</summary>
    public const int HeavyCallers = 40;

    public static int OrdinaryCallers(int reports) => Math.Max(1, reports * 9 / 10 / 3);

    public static string NationalNumber(int caller) => $"8571{caller:D7}";

    /// <summary>The caller and call type of the i-th seeded report.</summary>
    public static (int Caller, string CallType) Of(int i, int reports)
    {
        var random = new Random(i);
        if (random.Next(10) == 0)
        {
            return (random.Next(HeavyCallers), random.Next(10) switch { < 6 => "prank", < 8 => "abusive", < 9 => "silent", _ => "incident" });
        }

        var callType = random.Next(100) switch
        {
            < 5 => "incident",
            < 55 => "silent",
            < 80 => "prank",
            < 90 => "misdial",
            < 95 => "abusive",
            _ => "information",
        };
        return (HeavyCallers + random.Next(OrdinaryCallers(reports)), callType);
    }

    /// <summary>The spellings operators type the same number in.</summary>
    public static string Spelling(string national, int variant) => (variant % 4) switch
    {
        0 => $"0{national}",
        1 => $"+62{national}",
        2 => $"62{national}",
        _ => $"0{national[..3]}-{national[3..7]}-{national[7..]}",
    };

    public static object Body(int i, int reports)
    {
        var (caller, callType) = Of(i, reports);
        var phone = Spelling(NationalNumber(caller), i);
        return callType == "incident"
            ? new
            {
                caller = new { phone, name = "Benchmark Caller" },
                location = new { regionCode = "36.71.01.1001", address = "Jl. Daan Mogot No. 1" },
                category = "theft",
                description = $"Caller benchmark report {i}",
                callType,
            }
            : new { caller = new { phone, name = (string?)null }, location = (object?)null, category = (string?)null, description = (string?)null, callType };
    }

    /// <summary>Reports a caller made in the seeded history (for checking what the history answers).</summary>
    public static int CallsOf(int caller, int reports) => Enumerable.Range(0, reports).Count(i => Of(i, reports).Caller == caller);
}
