using System.Text.Json.Serialization.Metadata;
using Polri110.Contracts;

namespace Polri110.Tracking.Reports;

public sealed record EscalationRecord(int Level, string EscalatedTo, string MissedDeadline, DateTimeOffset Deadline, string Owner, DateTimeOffset At);

/// <summary>
/// The read model supervisors and operators look at: where a report stands, who holds it, and when each step
/// happened. Kept by an async projection over the event store (one leader across Tracking instances).
/// </summary>
public sealed record ReportSummary
{
    public Guid Id { get; init; }

    public required string TrackingCode { get; init; }

    public required string Status { get; init; }

    public required string Category { get; init; }

    public Priority Priority { get; init; }

    public required string RegionCode { get; init; }

    public string? PolresId { get; init; }

    public string? PolresName { get; init; }

    public string? PoldaId { get; init; }

    public string? PoldaName { get; init; }

    /// <summary>Who answers for the report now: the station until acknowledged, then the officer.</summary>
    public string? Owner { get; init; }

    public string? Outcome { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? ForwardedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public DateTimeOffset LastChangedAt { get; init; }

    /// <summary>The acknowledgement deadline that applied, as Dispatch recorded it.</summary>
    public DateTimeOffset? AcknowledgeBy { get; init; }

    /// <summary>Every escalation, with who owned the report when it happened.</summary>
    public IReadOnlyList<EscalationRecord> Escalations { get; init; } = [];

    /// <summary>
    /// Keyed hash of the tracking code and the last digits of the caller's number, for the public lookup
    /// (<see cref="TrackingByCode.PublicTracking"/>). Stored, but never written by the API (<see cref="HideFromApi"/>).
    /// </summary>
    public string? PublicCheck { get; init; }

    /// <summary>Leaves <see cref="PublicCheck"/> out wherever the HTTP API serialises a summary, whichever endpoint serves it.</summary>
    public static void HideFromApi(JsonTypeInfo type)
    {
        if (type.Type == typeof(ReportSummary) && type.Properties.FirstOrDefault(property => property.Name == "publicCheck") is { } check)
        {
            type.Properties.Remove(check);
        }
    }

    /// <summary>Stream version this summary reflects.</summary>
    [Marten.Schema.Version]
    public long Version { get; set; }
}
