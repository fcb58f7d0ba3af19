namespace Polri110.Testing;

/// <summary>Request bodies as an operator's console would send them (SPEC §7).</summary>
public static class SampleReports
{
    public static object Theft(string regionCode = "36.71.01.1001", string description = "Motor dicuri di depan minimarket") => new
    {
        caller = new { phone = "+6281234567890", name = "Budi Santoso" },
        location = new { regionCode, address = "Jl. Daan Mogot No. 1", latitude = -6.17, longitude = 106.63 },
        category = "theft",
        description,
        occurredAt = DateTimeOffset.UtcNow.AddMinutes(-20),
    };
}
