using System.Diagnostics.Metrics;
using JasperFx.Events;
using Polri110.Contracts;

namespace Polri110.ServiceDefaults.Observability;

/// <summary>
/// What happened to reports, counted from the event store as each service's publisher publishes its committed events:
/// a count is a committed fact, and each event is counted by the one service that appends it (an event published
/// twice after a crash counts twice). Labels are few and fixed (call types, reasons, levels): never a report,
/// station desk, person or free text.
/// </summary>
public sealed class ReportMetrics
{
    public const string MeterName = "Polri110";

    private readonly Counter<long> received;
    private readonly Counter<long> forwarded;
    private readonly Counter<long> resolved;
    private readonly Counter<long> withdrawn;
    private readonly Counter<long> slaBreaches;
    private readonly Counter<long> escalations;
    private readonly Histogram<double> stationDeliveryLag;

    public ReportMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        received = meter.CreateCounter<long>("polri110.reports.received", "{report}", "Reports recorded by Intake, by call type.");
        forwarded = meter.CreateCounter<long>("polri110.reports.forwarded", "{report}", "Reports forwarded to a Polres by Routing.");
        resolved = meter.CreateCounter<long>("polri110.reports.resolved", "{report}", "Reports a station recorded the outcome of.");
        withdrawn = meter.CreateCounter<long>(
            "polri110.reports.withdrawn", "{report}", "Reports withdrawn from the line's work: flagged as pranks or linked as duplicates.");
        slaBreaches = meter.CreateCounter<long>("polri110.sla.breaches", "{breach}", "SLA deadlines that passed, by deadline.");
        escalations = meter.CreateCounter<long>("polri110.escalations", "{escalation}", "Escalations, by level (1 Kapolres, 2 Kapolda).");
        stationDeliveryLag = meter.CreateHistogram<double>(
            "polri110.station_queue.delivery_lag", "s", "From an event's commit to its message confirmed on the station's queue.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
    }

    /// <summary>Counts one committed event of this service, once it is published.</summary>
    public void Published(IEvent committed)
    {
        switch (committed.Data)
        {
            case ReportReceived report:
                received.Add(1, new KeyValuePair<string, object?>("call_type", CallTypeName(report.CallType)));
                break;
            case ReportForwarded:
                forwarded.Add(1);
                break;
            case ReportResolved:
                resolved.Add(1);
                break;
            case ReportFlaggedAsPrank prank:
                withdrawn.Add(1, new KeyValuePair<string, object?>("reason", prank.Kind.ToString().ToLowerInvariant()));
                break;
            case ReportLinkedAsDuplicate:
                withdrawn.Add(1, new KeyValuePair<string, object?>("reason", "duplicate"));
                break;
            case ReportEscalated escalated:
                slaBreaches.Add(1, new KeyValuePair<string, object?>("deadline", escalated.MissedDeadline));
                escalations.Add(1, new KeyValuePair<string, object?>("level", escalated.Level));
                break;
        }
    }

    /// <summary>A station message confirmed by the broker, <paramref name="lag"/> after the event that caused it was committed.</summary>
    public void DeliveredToStation(TimeSpan lag) => stationDeliveryLag.Record(Math.Max(0, lag.TotalSeconds));

    private static string CallTypeName(CallType callType) => callType.ToString().ToLowerInvariant();
}
