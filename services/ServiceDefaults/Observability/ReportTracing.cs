using System.Diagnostics;
using JasperFx.Events;

namespace Polri110.ServiceDefaults.Observability;

/// <summary>
/// The spans Polri 110 starts itself and the tags that find a report's trace. A report id is a trace tag, never a
/// metric label: one per report would make every metric series unbounded.
/// </summary>
public static class ReportTracing
{
    public const string SourceName = "Polri110";
    public const string ReportIdTag = "polri110.report_id";
    public const string StationIdTag = "polri110.station_id";

    /// <summary>Carried as baggage, so every span of the work (and every log line) knows the chain of cause and effect.</summary>
    public const string CorrelationIdBaggage = "polri110.correlation_id";

    /// <summary>
    /// The event header holding the W3C traceparent of the span that appended the event: the daemon publishes the event
    /// later, on another thread, and continues the trace from it.
    /// </summary>
    public const string TraceParentHeader = "traceparent";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Marks the current span (a request, a consumed message) as acting on the report.</summary>
    public static void TagReport(Guid reportId) => Activity.Current?.SetTag(ReportIdTag, reportId.ToString());

    /// <summary>The current span as a traceparent, or null outside a recorded W3C trace.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null;

    /// <summary>The daemon's publishing of one committed event: a child of the span that appended it.</summary>
    public static Activity? StartPublishing(IEvent committed)
    {
        var parent = committed.GetHeader(TraceParentHeader)?.ToString() is { } traceParent
                     && ActivityContext.TryParse(traceParent, null, out var appended)
            ? appended
            : default;
        var activity = Source.StartActivity($"publish {committed.EventType.Name}", ActivityKind.Producer, parent);
        activity?.SetTag(ReportIdTag, committed.StreamId.ToString());
        return activity;
    }

    /// <summary>Putting a message on a station's queue.</summary>
    public static Activity? StartStationDelivery(Guid reportId, string stationId)
    {
        var activity = Source.StartActivity("deliver to station", ActivityKind.Producer);
        activity?.SetTag(ReportIdTag, reportId.ToString());
        activity?.SetTag(StationIdTag, stationId);
        activity?.SetTag("messaging.system", "rabbitmq");
        return activity;
    }
}
