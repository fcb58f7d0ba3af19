using System.Diagnostics;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Polri110.ServiceDefaults.Messaging;
using Polri110.ServiceDefaults.Observability;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>Who acts and in which chain of cause and effect: stamped on every appended event.</summary>
public sealed record CommandContext(string Actor, string CorrelationId, string? CausationId)
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>A request from a person: the correlation id comes from the caller or is started here.</summary>
    public static CommandContext FromRequest(HttpContext http, string actor)
    {
        var correlationId = http.Request.Headers[CorrelationHeader].FirstOrDefault() is { Length: > 0 and <= 100 } given
            ? given
            : Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        return new CommandContext(actor, correlationId, CausationId: null);
    }

    /// <summary>A reaction to an event from the bus: same correlation, caused by that event.</summary>
    public static CommandContext FromMessage(ConsumeContext message, string actor) =>
        new(actor,
            message.Headers.Get<string>(EventHeaders.CorrelationId) ?? message.MessageId?.ToString("N") ?? Guid.NewGuid().ToString("N"),
            message.MessageId?.ToString());

    /// <summary>For every event the session appends.</summary>
    internal void ApplyTo(IDocumentSession session)
    {
        session.CorrelationId = CorrelationId;
        session.CausationId = CausationId;
        session.LastModifiedBy = Actor;
        // The daemon publishes the events later, outside this request or message: it continues this trace from here.
        if (ReportTracing.CurrentTraceParent() is { } traceParent)
        {
            session.SetHeader(ReportTracing.TraceParentHeader, traceParent);
        }

        Activity.Current?.SetBaggage(ReportTracing.CorrelationIdBaggage, CorrelationId);
    }

    /// <summary>
    /// For these events only, in a session others append through too (<see cref="GroupTransaction.Session"/>, which sets
    /// nothing itself: the store keeps what an event carries).
    /// </summary>
    internal void StampOn(IEnumerable<IEvent> events)
    {
        var traceParent = ReportTracing.CurrentTraceParent();
        foreach (var appended in events)
        {
            appended.CorrelationId = CorrelationId;
            appended.CausationId = CausationId;
            appended.UserName = Actor;
            if (traceParent is not null)
            {
                appended.SetHeader(ReportTracing.TraceParentHeader, traceParent);
            }
        }

        Activity.Current?.SetBaggage(ReportTracing.CorrelationIdBaggage, CorrelationId);
    }
}
