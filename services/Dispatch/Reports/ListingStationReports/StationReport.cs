using Marten.Events.Aggregation;
using Polri110.Contracts;
using Polri110.Dispatch.Sla;

namespace Polri110.Dispatch.Reports.ListingStationReports;

/// <summary>
/// A report in a station's list: what the desk needs to act, its deadlines, and when it next escalates.
/// Kept by Dispatch's async daemon; the caller's personal data stays in the queue message and the event store.
/// </summary>
public sealed record StationReport
{
    public Guid Id { get; init; }

    public string? PolresId { get; init; }

    public required string TrackingCode { get; init; }

    public Priority Priority { get; init; }

    public string? Category { get; init; }

    public string? Description { get; init; }

    public required IncidentLocation Location { get; init; }

    public DispatchStatus Status { get; init; }

    public required string Owner { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? AcknowledgeBy { get; init; }

    public DateTimeOffset? ResolveBy { get; init; }

    public int EscalationLevel { get; init; }

    /// <summary>When the next escalation falls due if nobody acts; null when none is pending.</summary>
    public DateTimeOffset? NextEscalationAt { get; init; }

    /// <summary>The report's SLA position, kept so the next escalation can be worked out again after each event.</summary>
    public required SlaClock Clock { get; init; }
}

public sealed class StationReportProjection(SlaPolicy policy) : SingleStreamProjection<StationReport, Guid>
{
    public StationReport Create(ReportReceived e) => Timed(new StationReport
    {
        Id = e.ReportId,
        TrackingCode = e.TrackingCode,
        Priority = e.Priority,
        Category = e.Category,
        Description = e.Description,
        Location = e.Location,
        Status = DispatchStatus.AwaitingRouting,
        Owner = "routing",
        ReceivedAt = e.OccurredAt,
        Clock = new SlaClock(e.Priority, e.OccurredAt, Acknowledged: false, Open: false, EscalationLevel: 0, null, null),
    });

    public StationReport Apply(ReportForwarded e, StationReport r) =>
        Timed(r with { PolresId = e.PolresId, Status = DispatchStatus.Forwarded, Owner = e.PolresId, Clock = r.Clock with { Open = true, Acknowledged = false } });

    public StationReport Apply(ReportRoutingFailed _, StationReport r) =>
        Timed(r with { PolresId = null, Status = DispatchStatus.InTriage, Owner = "triage", Clock = r.Clock with { Open = false } });

    public StationReport Apply(ReportAcknowledged e, StationReport r) =>
        Timed(r with { Status = DispatchStatus.Acknowledged, Owner = e.Officer.Nrp, Clock = r.Clock with { Acknowledged = true } });

    public StationReport Apply(ReportAssigned e, StationReport r) =>
        Timed(r with { Status = DispatchStatus.Assigned, Owner = e.Officer?.Nrp ?? e.PolsekId });

    public StationReport Apply(ReportResolved _, StationReport r) => Timed(r with { Status = DispatchStatus.Resolved, Clock = r.Clock with { Open = false } });

    public StationReport Apply(ReportRejected _, StationReport r) =>
        Timed(r with { PolresId = null, Status = DispatchStatus.Rejected, Owner = "routing", Clock = r.Clock with { Open = false } });

    public StationReport Apply(ReportFlaggedAsPrank _, StationReport r) => Timed(r with { Status = DispatchStatus.FlaggedAsPrank, Clock = r.Clock with { Open = false } });

    public StationReport Apply(ReportEscalated e, StationReport r) =>
        Timed(r with { EscalationLevel = e.Level, Clock = r.Clock with { EscalationLevel = e.Level, LastEscalatedAt = e.OccurredAt, LastMissedDeadline = e.MissedDeadline } });

    private StationReport Timed(StationReport r) => r with
    {
        AcknowledgeBy = r.Clock.AcknowledgeBy(policy),
        ResolveBy = r.Clock.ResolveBy(policy),
        NextEscalationAt = r.Clock.Next(policy)?.Due,
    };
}
