using Marten.Events.Aggregation;
using Polri110.Contracts;
using Polri110.Tracking.Reports.TrackingByCode;

namespace Polri110.Tracking.Reports;

public static class ReportStatus
{
    public const string Received = "received";
    public const string Forwarded = "forwarded";
    public const string RoutingFailed = "routing-failed";
    public const string Acknowledged = "acknowledged";
    public const string Assigned = "assigned";
    public const string Rejected = "rejected";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
    public const string FlaggedAsPrank = "flagged-as-prank";
    public const string Duplicate = "duplicate";
}

/// <param name="lookupKey">Keys the public lookup's check (<see cref="PublicTracking"/>).</param>
public sealed class ReportSummaryProjection(PublicLookupKey lookupKey) : SingleStreamProjection<ReportSummary, Guid>
{
    public ReportSummary Create(ReportReceived e) => new()
    {
        Id = e.ReportId,
        TrackingCode = e.TrackingCode,
        PublicCheck = PublicTracking.CheckOf(lookupKey, e.TrackingCode, e.Caller.Phone),
        Status = ReportStatus.Received,
        Category = e.Category,
        Priority = e.Priority,
        RegionCode = e.Location.RegionCode,
        Owner = "routing",
        ReceivedAt = e.OccurredAt,
        LastChangedAt = e.OccurredAt,
    };

    public static ReportSummary Apply(ReportForwarded e, ReportSummary s) => s with
    {
        Status = ReportStatus.Forwarded,
        PolresId = e.PolresId,
        PolresName = e.PolresName,
        PoldaId = e.PoldaId,
        PoldaName = e.PoldaName,
        Owner = e.PolresId,
        ForwardedAt = e.OccurredAt,
        AcknowledgedAt = null,
        LastChangedAt = e.OccurredAt,
    };

    public static ReportSummary Apply(ReportRoutingFailed e, ReportSummary s) =>
        s with { Status = ReportStatus.RoutingFailed, Owner = "triage", LastChangedAt = e.OccurredAt };

    public static ReportSummary Apply(ReportAcknowledged e, ReportSummary s) =>
        s with { Status = ReportStatus.Acknowledged, Owner = e.Officer.Nrp, AcknowledgedAt = e.OccurredAt, AcknowledgeBy = e.AcknowledgeBy, LastChangedAt = e.OccurredAt };

    public static ReportSummary Apply(ReportAssigned e, ReportSummary s) =>
        s with { Status = ReportStatus.Assigned, Owner = e.Officer?.Nrp ?? e.PolsekId, LastChangedAt = e.OccurredAt };

    public static ReportSummary Apply(ReportRejected e, ReportSummary s) =>
        s with { Status = ReportStatus.Rejected, Owner = "routing", LastChangedAt = e.OccurredAt };

    public static ReportSummary Apply(ReportResolved e, ReportSummary s) =>
        s with { Status = ReportStatus.Resolved, Outcome = e.Outcome, ResolvedAt = e.OccurredAt, LastChangedAt = e.OccurredAt };

    public static ReportSummary Apply(ReportClosed e, ReportSummary s) =>
        s with { Status = ReportStatus.Closed, ClosedAt = e.OccurredAt, LastChangedAt = e.OccurredAt };

    public static ReportSummary Apply(ReportReopened e, ReportSummary s) =>
        s with { Status = ReportStatus.Received, Outcome = null, ResolvedAt = null, ClosedAt = null, LastChangedAt = e.OccurredAt };

    public static ReportSummary Apply(ReportFlaggedAsPrank e, ReportSummary s) =>
        s with { Status = ReportStatus.FlaggedAsPrank, LastChangedAt = e.OccurredAt };

    public static ReportSummary Apply(ReportLinkedAsDuplicate e, ReportSummary s) =>
        s with { Status = ReportStatus.Duplicate, LastChangedAt = e.OccurredAt };

    public static ReportSummary Apply(ReportEscalated e, ReportSummary s) => s with
    {
        Escalations = [.. s.Escalations, new EscalationRecord(e.Level, e.EscalatedTo, e.MissedDeadline, e.Deadline, e.OwnerAtEscalation, e.OccurredAt)],
        LastChangedAt = e.OccurredAt,
    };
}
