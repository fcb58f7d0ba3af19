using System.Diagnostics.CodeAnalysis;
using Polri110.Contracts;

namespace Polri110.Intake.Reports;

/// <summary>How call types and prank kinds are written in the API: lower case, as SPEC §4 names them.</summary>
public static class CallTypes
{
    public static readonly IReadOnlyList<string> Names = Enum.GetValues<CallType>().Select(NameOf).ToList();

    public static readonly IReadOnlyList<string> PrankKindNames = Enum.GetValues<PrankKind>().Select(NameOf).ToList();

    public static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>An absent call type is an incident, as before call types existed.</summary>
    public static bool TryParse(string? name, out CallType callType)
    {
        callType = CallType.Incident;
        return name is null || TryParseName(name, out callType);
    }

    public static bool TryParseName<TEnum>([NotNullWhen(true)] string? name, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return name is not null && Enum.GetValues<TEnum>().Any(candidate => NameOf(candidate) == name.ToLowerInvariant())
               && Enum.TryParse(name, ignoreCase: true, out value);
    }

    /// <summary>What a flag makes of a call, for the caller's history: a flagged incident counts as the prank it was.</summary>
    public static CallType Of(PrankKind kind) => kind switch
    {
        PrankKind.Prank => CallType.Prank,
        PrankKind.Silent => CallType.Silent,
        PrankKind.Misdial => CallType.Misdial,
        PrankKind.Abusive => CallType.Abusive,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
