using Polri110.Contracts;

namespace Polri110.Testing;

/// <summary>Events as the services would append them, for tests that start a report's story part-way.</summary>
public static class TestEvents
{
    public static ReportReceived Received(Guid reportId, string regionCode = "36.71.01.1001", Priority priority = Priority.P3) => new(
        reportId, "110-TEST-" + reportId.ToString("N")[..4].ToUpperInvariant(), new Caller("+6281234567890", "Budi Santoso"),
        new IncidentLocation(regionCode, "Jl. Daan Mogot No. 1", -6.17, 106.63), "theft", priority, "Motor dicuri di depan minimarket",
        DateTimeOffset.UtcNow.AddMinutes(-20), "operator-1", DateTimeOffset.UtcNow);

    public static ReportForwarded Forwarded(Guid reportId, string polresId = "polres-metro-tangerang-kota") => new(
        reportId, "36.71.01.1001", polresId, "Polres Metro Tangerang Kota", "polda-metro-jaya", "Polda Metro Jaya", "test-map", "routing-service",
        DateTimeOffset.UtcNow);
}
