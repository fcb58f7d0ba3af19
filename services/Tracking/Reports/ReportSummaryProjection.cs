using Marten.Events.Aggregation;
using Polri110.Contracts;
using Polri110.Tracking.Reports.TrackingByCode;

namespace Polri110.Tracking.Reports;

/// <summary>
/// Keeps <see cref="ReportSummary"/>: status and owner from the one lifecycle fold (<see cref="ReportLifecycle"/>),
/// and beside them the times and details a supervisor looks for.
/// </summary>
/// <param name="lookupKey">Keys the public lookup's check (<see cref="PublicTracking"/>).</param>
public sealed class ReportSummaryProjection(PublicLookupKey lookupKey) : SingleStreamProjection<ReportSummary, Guid>
{
    public ReportSummary Create(ReportReceived e)
    {
        var lifecycle = ReportLifecycle.Begin(e);
        return new ReportSummary
        {
            Id = e.ReportId,
            TrackingCode = e.TrackingCode,
            PublicCheck = PublicTracking.CheckOf(lookupKey, e.TrackingCode, e.Caller.Phone),
            Lifecycle = lifecycle,
            Status = lifecycle.Status,
            Owner = lifecycle.Owner,
            CallType = e.CallType,
            Category = e.Category,
            Priority = e.Priority,
            RegionCode = e.Location.RegionCode,
            ReceivedAt = e.OccurredAt,
            LastChangedAt = e.OccurredAt,
        };
    }

    public static ReportSummary Apply(ReportForwarded e, ReportSummary s) => Moved(s, s.CurrentLifecycle().Then(e), e) with
    {
        PolresId = e.PolresId,
        PolresName = e.PolresName,
        PoldaId = e.PoldaId,
        PoldaName = e.PoldaName,
        ForwardedAt = e.OccurredAt,
        AcknowledgedAt = null,
    };

    public static ReportSummary Apply(ReportRoutingFailed e, ReportSummary s) => Moved(s, s.CurrentLifecycle().Then(e), e);

    public static ReportSummary Apply(ReportAcknowledged e, ReportSummary s) =>
        Moved(s, s.CurrentLifecycle().Then(e), e) with { AcknowledgedAt = e.OccurredAt, AcknowledgeBy = e.AcknowledgeBy };

    public static ReportSummary Apply(ReportAssigned e, ReportSummary s) => Moved(s, s.CurrentLifecycle().Then(e), e);

    public static ReportSummary Apply(ReportRejected e, ReportSummary s) => Moved(s, s.CurrentLifecycle().Then(e), e);

    public static ReportSummary Apply(ReportResolved e, ReportSummary s) =>
        Moved(s, s.CurrentLifecycle().Then(e), e) with { Outcome = e.Outcome, ResolvedAt = e.OccurredAt };

    public static ReportSummary Apply(ReportClosed e, ReportSummary s) =>
        Moved(s, s.CurrentLifecycle().Then(e), e) with { ClosedAt = e.OccurredAt, ClosedReason = e.Reason };

    public static ReportSummary Apply(ReportReopened e, ReportSummary s) =>
        Moved(s, s.CurrentLifecycle().Then(e), e) with { Outcome = null, ResolvedAt = null, ClosedAt = null, ClosedReason = null, AcknowledgedAt = null };

    public static ReportSummary Apply(ReportFlaggedAsPrank e, ReportSummary s) => Moved(s, s.CurrentLifecycle().Then(e), e);

    public static ReportSummary Apply(ReportLinkedAsDuplicate e, ReportSummary s) => Moved(s, s.CurrentLifecycle().Then(e), e);

    public static ReportSummary Apply(ReportUnlinked e, ReportSummary s) => Moved(s, s.CurrentLifecycle().Then(e), e);

    public static ReportSummary Apply(ReportEscalated e, ReportSummary s) => Moved(s, s.CurrentLifecycle().Then(e), e) with
    {
        Escalations = [.. s.Escalations, new EscalationRecord(e.Level, e.EscalatedTo, e.MissedDeadline, e.Deadline, e.OwnerAtEscalation, e.OccurredAt)],
    };

    private static ReportSummary Moved(ReportSummary s, ReportLifecycle lifecycle, IReportEvent e) => s with
    {
        Lifecycle = lifecycle,
        Status = lifecycle.Status,
        Owner = lifecycle.Owner,
        FlaggedAs = lifecycle.FlaggedAs,
        DuplicateOf = lifecycle.DuplicateOf,
        LastChangedAt = e.OccurredAt,
    };
}
