namespace Polri110.ServiceDefaults.Messaging;

/// <summary>
/// Headers the committed-event publisher puts on every bus message. The message id is the event's own id,
/// so a redelivered or re-published event keeps its identity and consumers can recognise it.
/// </summary>
public static class EventHeaders
{
    public const string CorrelationId = "polri110-correlation-id";
    public const string StreamVersion = "polri110-stream-version";
    public const string Sequence = "polri110-sequence";

    /// <summary>When the event was committed (ISO 8601): measures how long it took to reach a station's queue.</summary>
    public const string CommittedAt = "polri110-committed-at";
}
