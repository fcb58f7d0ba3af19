using JasperFx.Events;
using JasperFx.Events.Grouping;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Aggregation;
using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

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

/// <summary>
/// Kept by Routing's async daemon from the whole stream, so it also sees the events other services append. It holds an
/// entry only for a report that has been in triage: the reports routed at once, nearly all, cost it nothing. An entry
/// starting in a later batch than the report's receipt reads the earlier events first (<see cref="EarlierEvents"/>).
/// </summary>
public sealed class TriageProjection : SingleStreamProjection<TriageEntry, Guid>
{
    public TriageProjection()
    {
        IncludeType<ReportReceived>();
        IncludeType<ReportRoutingFailed>();
        IncludeType<ReportForwarded>();
        IncludeType<ReportFlaggedAsPrank>();
        IncludeType<ReportLinkedAsDuplicate>();
        IncludeType<ReportUnlinked>();
    }

    public override Task EnrichEventsAsync(SliceGroup<TriageEntry, Guid> group, IQuerySession querySession, CancellationToken cancellation) =>
        EarlierEvents.ReadAsync(group, querySession, e => e is ReportRoutingFailed, cancellation);

    public override (TriageEntry?, ActionType) DetermineAction(TriageEntry? snapshot, Guid identity, IReadOnlyList<IEvent> events)
    {
        var entry = EarlierEvents.History(snapshot is not null, events).Aggregate(snapshot, (current, e) => Evolve(current, e.Data));
        return snapshot is not null || entry is { InTriage: true } or { InTriageBeforeLink: true }
            ? (entry, ActionType.Store)
            : (null, ActionType.Nothing);
    }

    /// <summary>The pure fold: a report's entry as its events leave it (null before it was received).</summary>
    public static TriageEntry? Evolve(TriageEntry? entry, object e) => (e, entry) switch
    {
        (ReportReceived received, null) => new TriageEntry
        {
            Id = received.ReportId,
            TrackingCode = received.TrackingCode,
            Category = received.Category,
            Priority = received.Priority,
            Description = received.Description,
            RegionCode = received.Location.RegionCode,
            ReceivedAt = received.OccurredAt,
        },
        (_, null) => null,
        (ReportRoutingFailed failed, _) => entry with { InTriage = true, Reason = failed.Reason, RegionCode = failed.RegionCode, SinceAt = failed.OccurredAt },
        (ReportForwarded, _) => entry with { InTriage = false, Reason = null, SinceAt = null },
        // A prank needs no Polres: it leaves the list.
        (ReportFlaggedAsPrank, _) => entry with { InTriage = false, Reason = null, SinceAt = null },
        // A duplicate needs no Polres of its own while linked; back on the list when unlinked.
        (ReportLinkedAsDuplicate, _) => entry with { InTriage = false, InTriageBeforeLink = entry.InTriage },
        (ReportUnlinked, _) => entry with { InTriage = entry.InTriageBeforeLink, InTriageBeforeLink = false },
        _ => entry,
    };
}
