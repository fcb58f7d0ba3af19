using Polri110.Contracts;
using Polri110.Tracking.Reports;

namespace Polri110.Tracking.Stations;

public sealed record EscalationWithOwner(Guid ReportId, string TrackingCode, int Level, string EscalatedTo, string MissedDeadline, string OwnerAtEscalation, DateTimeOffset At);

/// <summary>How a station is doing against its SLAs. Times are in seconds; null where there is nothing to measure yet.</summary>
public sealed record StationPerformance(
    string PolresId,
    int Reports,
    int OpenReports,
    int Acknowledged,
    double? ShareAcknowledgedWithinSla,
    double? MedianSecondsToAcknowledge,
    double? P90SecondsToAcknowledge,
    int Resolved,
    double? MedianSecondsToResolve,
    double? P90SecondsToResolve,
    IReadOnlyList<EscalationWithOwner> Escalations)
{
    private static readonly string[] OpenStatuses = [ReportStatus.Forwarded, ReportStatus.Acknowledged, ReportStatus.Assigned];

    /// <summary>Pure: the figures from the summaries of every report the station has held.</summary>
    public static StationPerformance Of(string polresId, IReadOnlyList<ReportSummary> reports)
    {
        var acknowledged = reports.Where(r => r.AcknowledgedAt is not null).ToList();
        var withDeadline = acknowledged.Where(r => r.AcknowledgeBy is not null).ToList();
        var resolved = reports.Where(r => r.ResolvedAt is not null).ToList();
        return new StationPerformance(
            polresId,
            reports.Count,
            reports.Count(r => OpenStatuses.Contains(r.Status)),
            acknowledged.Count,
            withDeadline.Count == 0 ? null : (double)withDeadline.Count(r => r.AcknowledgedAt <= r.AcknowledgeBy) / withDeadline.Count,
            Percentile(acknowledged.Select(r => (r.AcknowledgedAt!.Value - r.ReceivedAt).TotalSeconds), 0.5),
            Percentile(acknowledged.Select(r => (r.AcknowledgedAt!.Value - r.ReceivedAt).TotalSeconds), 0.9),
            resolved.Count,
            Percentile(resolved.Select(r => (r.ResolvedAt!.Value - r.ReceivedAt).TotalSeconds), 0.5),
            Percentile(resolved.Select(r => (r.ResolvedAt!.Value - r.ReceivedAt).TotalSeconds), 0.9),
            reports.SelectMany(r => r.Escalations.Select(e => new EscalationWithOwner(r.Id, r.TrackingCode, e.Level, e.EscalatedTo, e.MissedDeadline, e.Owner, e.At)))
                .OrderByDescending(e => e.At).ToList());
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double? Percentile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }
}
