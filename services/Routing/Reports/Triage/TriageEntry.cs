using Marten.Events.Aggregation;
using Polri110.Contracts;

namespace Polri110.Routing.Reports.Triage;

/// <summary>A report as the supervisors' triage list shows it; <see cref="InTriage"/> while no Polres has it.</summary>
public sealed record TriageEntry
{
    public Guid Id { get; init; }

    public required string TrackingCode { get; init; }

    public string? Category { get; init; }

    public Priority Priority { get; init; }

    public string? Description { get; init; }

    /// <summary>Null when the caller could not say where.</summary>
    public string? RegionCode { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public bool InTriage { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? SinceAt { get; init; }

    /// <summary>Linked as a duplicate while in triage: back on the list when unlinked.</summary>
    public bool InTriageBeforeLink { get; init; }
}

/// <summary>Kept by Routing's async daemon from the whole stream, so it also sees the events other services append.</summary>
public sealed class TriageProjection : SingleStreamProjection<TriageEntry, Guid>
{
    public static TriageEntry Create(ReportReceived e) => new()
    {
        Id = e.ReportId,
        TrackingCode = e.TrackingCode,
        Category = e.Category,
        Priority = e.Priority,
        Description = e.Description,
        RegionCode = e.Location.RegionCode,
        ReceivedAt = e.OccurredAt,
    };

    public static TriageEntry Apply(ReportRoutingFailed e, TriageEntry entry) =>
        entry with { InTriage = true, Reason = e.Reason, RegionCode = e.RegionCode, SinceAt = e.OccurredAt };

    public static TriageEntry Apply(ReportForwarded _, TriageEntry entry) => entry with { InTriage = false, Reason = null, SinceAt = null };

    /// <summary>A prank needs no Polres: it leaves the list.</summary>
    public static TriageEntry Apply(ReportFlaggedAsPrank _, TriageEntry entry) => entry with { InTriage = false, Reason = null, SinceAt = null };

    /// <summary>A duplicate needs no Polres of its own while linked.</summary>
    public static TriageEntry Apply(ReportLinkedAsDuplicate _, TriageEntry entry) => entry with { InTriage = false, InTriageBeforeLink = entry.InTriage };

    public static TriageEntry Apply(ReportUnlinked _, TriageEntry entry) => entry with { InTriage = entry.InTriageBeforeLink, InTriageBeforeLink = false };
}
