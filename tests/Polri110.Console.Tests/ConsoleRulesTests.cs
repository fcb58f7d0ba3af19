using Polri110.Console.Api;
using Polri110.Console.Language;
using Polri110.Console.Station;
using Polri110.Console.Supervisor;

namespace Polri110.Console.Tests;

/// <summary>The pure rules the pages show: time zones, SLA countdowns, the supervisors' overview.</summary>
public sealed class ConsoleRulesTests
{
    [Theory]
    [InlineData("36.71.01.1001", "WIB")] // Kota Tangerang, Banten
    [InlineData("31.74", "WIB")] // Jakarta Selatan
    [InlineData("61.71", "WIB")] // Pontianak, West Kalimantan
    [InlineData("64.72", "WITA")] // Samarinda, East Kalimantan
    [InlineData("51.71", "WITA")] // Denpasar, Bali
    [InlineData("73.71", "WITA")] // Makassar, South Sulawesi
    [InlineData("81.71", "WIT")] // Ambon, Maluku
    [InlineData("91.71", "WIT")] // Jayapura, Papua
    [InlineData(null, "WIB")] // unknown place: Jakarta's time, where the national center sits
    public void A_place_is_shown_in_its_own_zone(string? regionCode, string zone) => Assert.Equal(zone, IndonesianTime.ZoneOf(regionCode).Zone);

    [Fact]
    public void A_moment_is_written_in_the_place_s_local_time()
    {
        var moment = new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero);
        Assert.EndsWith("WIT", IndonesianTime.Format(moment, "91.71"));
        Assert.Contains("30", IndonesianTime.Format(moment, "91.71")); // 08:30 on the 30th in Jayapura
        Assert.Equal("—", IndonesianTime.Format(null, "91.71"));
    }

    [Theory]
    [InlineData(125, "2:05")]
    [InlineData(3725, "1:02:05")]
    [InlineData(-40, "-0:40")]
    public void The_countdown_reads_as_minutes_and_seconds(int seconds, string shown) =>
        Assert.Equal(shown, SlaCountdown.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void The_overview_puts_stations_with_overdue_reports_first()
    {
        var now = DateTimeOffset.Parse("2026-11-29T10:00:00Z");
        ReportSummary Open(string polres, string status, DateTimeOffset? acknowledgeBy, int escalations = 0) => new(
            Guid.NewGuid(), "110-XXXX-XXXX", status, "incident", "theft", "P3", "36.71", polres, polres, "polda-x", "Polda X", polres, null, null, null,
            now.AddMinutes(-30), null, null, null, now, acknowledgeBy,
            Enumerable.Range(1, escalations).Select(level => new EscalationRecord(level, "kapolres", "acknowledge", now)).ToList());

        var loads = Oversight.ByPolres(
        [
            Open("polres-a", "acknowledged", now.AddMinutes(-5)),
            Open("polres-a", "forwarded", now.AddMinutes(5)),
            Open("polres-b", "forwarded", now.AddMinutes(-1), escalations: 1),
        ], now);

        Assert.Equal(["polres-b", "polres-a"], loads.Select(load => load.PolresId));
        Assert.Equal((1, 1, 1), (loads[0].Open, loads[0].Overdue, loads[0].Escalated));
        Assert.Equal((2, 0, 0), (loads[1].Open, loads[1].Overdue, loads[1].Escalated));
    }
}
