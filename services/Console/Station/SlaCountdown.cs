using Polri110.Console.Api;

namespace Polri110.Console.Station;

/// <summary>What a station desk must do next for a report, and how long it has left.</summary>
public static class SlaCountdown
{
    /// <summary>The deadline that counts now: acknowledging until someone has, then resolving.</summary>
    public static DateTimeOffset? NextDeadline(StationReport report) =>
        report.Status == "forwarded" ? report.AcknowledgeBy : report.ResolveBy;

    /// <summary>"12:05" left, "1:02:05" left, or "-0:40" past the deadline.</summary>
    public static string Format(TimeSpan left)
    {
        var sign = left < TimeSpan.Zero ? "-" : "";
        var span = left.Duration();
        return span.TotalHours >= 1
            ? $"{sign}{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}"
            : $"{sign}{span.Minutes}:{span.Seconds:00}";
    }
}
