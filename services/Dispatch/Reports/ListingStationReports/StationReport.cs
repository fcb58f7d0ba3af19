using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Aggregation;
using Polri110.Contracts;
using Polri110.Dispatch.Sla;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.ListingStationReports;

/// <summary>
/// A report in a station's list: what the desk needs to act, its deadlines, and when it next escalates.
/// Kept by Dispatch's async daemon; the caller's personal data stays in the queue message and the event store.
/// </summary>
public sealed record StationReport
{
    public Guid Id { get; init; }

    public string? PolresId { get; init; }

    /// <summary>The Polsek its Polres assigned it to, while it holds it: the report is in that Polsek's list too.</summary>
    public string? PolsekId { get; init; }

    public required string TrackingCode { get; init; }

    public Priority Priority { get; init; }

    public string? Category { get; init; }

    public string? Description { get; init; }

    public required IncidentLocation Location { get; init; }

    /// <summary>From the one lifecycle fold (<see cref="ReportLifecycle"/>), as Tracking and the caller history have it.</summary>
    public required string Status { get; init; }

    public string? Owner { get; init; }

    /// <summary>In the station's open list: with it, and not resolved or withdrawn.</summary>
    public bool OpenAtStation { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? AcknowledgeBy { get; init; }

    public DateTimeOffset? ResolveBy { get; init; }

    public int EscalationLevel { get; init; }

    /// <summary>When the next escalation falls due if nobody acts; null when none is pending.</summary>
    public DateTimeOffset? NextEscalationAt { get; init; }

    /// <summary>The report's SLA position, kept so the next escalation can be worked out again after each event.</summary>
    public required SlaClock Clock { get; init; }

    /// <summary>The fold status and owner come from; null in reports projected before it existed.</summary>
    public ReportLifecycle? Lifecycle { get; init; }

    /// <summary><see cref="Lifecycle"/>, or for a report projected before it existed, recovered from the fields it set.</summary>
    public ReportLifecycle CurrentLifecycle() => Lifecycle ?? new ReportLifecycle(
        Id, CallType.Incident, LegacyStatuses.GetValueOrDefault(Status, Status.ToLowerInvariant()), Owner, PolresId, null, null, ReceivedAt);

    /// <summary>Statuses as versions before the one lifecycle wrote them; only those differing from the lower-case rule.</summary>
    private static readonly Dictionary<string, string> LegacyStatuses = new()
    {
        ["AwaitingRouting"] = ReportStatus.Received,
        ["InTriage"] = ReportStatus.RoutingFailed,
        ["FlaggedAsPrank"] = ReportStatus.FlaggedAsPrank,
    };
}

/// <summary>
/// Keeps <see cref="StationReport"/> from the moment a report is first forwarded to a Polres: before that no station lists
/// it, so a call that is not an incident (most calls to 110) or a report nobody could route costs Dispatch's read model
/// nothing. An entry is always the fold of the report's whole stream: when a report is forwarded in a later daemon batch
/// than its earlier events, those are read first (<see cref="EarlierEvents"/>, one query a batch).
/// </summary>
public sealed class StationReportProjection : SingleStreamProjection<StationReport, Guid>
{
    private readonly SlaPolicy policy;

    public StationReportProjection(SlaPolicy policy)
    {
        this.policy = policy;
        foreach (var type in ReportEvents.All)
        {
            IncludeType(type);
        }
    }

    public override Task EnrichEventsAsync(SliceGroup<StationReport, Guid> group, IQuerySession querySession, CancellationToken cancellation) =>
        EarlierEvents.ReadAsync(group, querySession, e => e is ReportForwarded, cancellation);

    public override (StationReport?, ActionType) DetermineAction(StationReport? snapshot, Guid identity, IReadOnlyList<IEvent> events)
    {
        var report = snapshot;
        var forwarded = snapshot is not null;
        foreach (var e in EarlierEvents.History(snapshot is not null, events))
        {
            forwarded |= e.Data is ReportForwarded;
            report = e.Data switch
            {
                ReportReceived { CallType: CallType.Incident } received => Opened(received),
                ReportReceived => null,
                _ when report is null => null,
                var data => Then(report, data),
            };
        }

        return report is not null && forwarded ? (report, ActionType.Store) : (null, ActionType.Nothing);
    }

    private StationReport Opened(ReportReceived e)
    {
        var lifecycle = ReportLifecycle.Begin(e);
        return Timed(new StationReport
        {
            Id = e.ReportId,
            TrackingCode = e.TrackingCode,
            Priority = e.Priority,
            Category = e.Category,
            Description = e.Description,
            Location = e.Location,
            Status = lifecycle.Status,
            Owner = lifecycle.Owner,
            ReceivedAt = e.OccurredAt,
            Lifecycle = lifecycle,
            Clock = SlaClock.Start(e.Priority, e.OccurredAt),
        });
    }

    private StationReport Then(StationReport r, object e)
    {
        var lifecycle = r.CurrentLifecycle().Then(e);
        var clock = r.Clock.Then(e, lifecycle);
        return Timed(r with
        {
            Lifecycle = lifecycle,
            Status = lifecycle.Status,
            Owner = lifecycle.Owner,
            PolresId = lifecycle.PolresId,
            PolsekId = lifecycle.PolsekId,
            Clock = clock,
            EscalationLevel = clock.EscalationLevel,
        });
    }

    private StationReport Timed(StationReport r) => r with
    {
        OpenAtStation = r.Clock.Open,
        AcknowledgeBy = r.Clock.AcknowledgeBy(policy),
        ResolveBy = r.Clock.ResolveBy(policy),
        NextEscalationAt = r.Clock.Next(policy)?.Due,
    };
}
