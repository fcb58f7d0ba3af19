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

    /// <summary>From the one lifecycle fold (<see cref="ReportLifecycle"/>), as every other read model has it.</summary>
    public required string Status { get; init; }

    /// <summary>What the call was: only incidents are routed; the others are closed at once.</summary>
    public CallType CallType { get; init; }

    public string? Category { get; init; }

    public Priority Priority { get; init; }

    /// <summary>Null when the caller could not say where: the report then waits in triage.</summary>
    public string? RegionCode { get; init; }

    public string? PolresId { get; init; }

    public string? PolresName { get; init; }

    public string? PoldaId { get; init; }

    public string? PoldaName { get; init; }

    /// <summary>Who answers for the report now: the station until acknowledged, then the officer.</summary>
    public string? Owner { get; init; }

    public string? Outcome { get; init; }

    /// <summary>Set when the report was flagged as a prank, silent call, misdial or abuse after it was recorded.</summary>
    public PrankKind? FlaggedAs { get; init; }

    public Guid? DuplicateOf { get; init; }

    public string? ClosedReason { get; init; }

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

    /// <summary>
    /// The lifecycle fold the status and owner come from; stored to fold the next event, not served. Null in summaries
    /// projected before it existed: <see cref="CurrentLifecycle"/> recovers it from the fields it set.
    /// </summary>
    public ReportLifecycle? Lifecycle { get; init; }

    public ReportLifecycle CurrentLifecycle() => Lifecycle ?? new ReportLifecycle(
        Id, CallType, Status, Owner, Status is ReportStatus.Received or ReportStatus.RoutingFailed or ReportStatus.Rejected ? null : PolresId,
        FlaggedAs, DuplicateOf, LastChangedAt);

    /// <summary>
    /// Leaves <see cref="PublicCheck"/> and <see cref="Lifecycle"/> out wherever the HTTP API serialises a summary,
    /// whichever endpoint serves it.
    /// </summary>
    public static void HideFromApi(JsonTypeInfo type)
    {
        if (type.Type != typeof(ReportSummary))
        {
            return;
        }

        foreach (var hidden in type.Properties.Where(property => property.Name is "publicCheck" or "lifecycle").ToList())
        {
            type.Properties.Remove(hidden);
        }
    }

    /// <summary>Stream version this summary reflects.</summary>
    [Marten.Schema.Version]
    public long Version { get; set; }
}
