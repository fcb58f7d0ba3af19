namespace Polri110.Testing;

/// <summary>Request bodies as an operator's console would send them (SPEC §7).</summary>
public static class SampleReports
{
    public const string Phone = "+6281234567890";

    public static object Theft(
        string regionCode = "36.71.01.1001", string description = "Motor dicuri di depan minimarket", string phone = Phone, string? name = "Budi Santoso") => new
    {
        caller = new { phone, name },
        location = new { regionCode, address = "Jl. Daan Mogot No. 1", latitude = -6.17, longitude = 106.63 },
        category = "theft",
        description,
        occurredAt = DateTimeOffset.UtcNow.AddMinutes(-20),
    };

    /// <summary>A call that was not an incident (silent, prank, misdial, abusive, information): only the number is needed.</summary>
    public static object Call(string callType, string phone = Phone) => new { callType, caller = new { phone } };
}
