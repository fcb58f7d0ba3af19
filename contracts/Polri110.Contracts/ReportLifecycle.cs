namespace Polri110.Contracts;

/// <summary>
/// The one fold of a report's lifecycle: its status, who answers for it, and whether a station is working on it.
/// Pure: read models and deciders fold a report's events through it instead of writing their own status rules,
/// so a supervisor, a station and a caller's history never see two different truths. Its steps are named
/// <c>Begin</c>/<c>Then</c>, not Marten's conventional Create/Apply, so that Marten does not take it for an aggregate
/// of its own (see <c>ReportLifecycleProjection</c>).
/// </summary>
/// <param name="Owner">Who answers for the report now: routing, triage, the Polres until an officer acknowledges it,
/// then that officer, then the Polsek or officer it was assigned to; null for a call that was not an incident.</param>
/// <param name="PolresId">The station the report is with, or was with when it was resolved or withdrawn.</param>
public sealed record ReportLifecycle(
    Guid Id,
    CallType CallType,
    string Status,
    string? Owner,
    string? PolresId,
    PrankKind? FlaggedAs,
    Guid? DuplicateOf)
{
    public const string RoutingOwner = "routing";
    public const string TriageOwner = "triage";

    public static ReportLifecycle Begin(ReportReceived e) =>
        new(e.ReportId, e.CallType, ReportStatus.Received, e.CallType == CallType.Incident ? RoutingOwner : null, null, null, null);

    public ReportLifecycle Then(ReportForwarded e) => this with { Status = ReportStatus.Forwarded, Owner = e.PolresId, PolresId = e.PolresId };

    public ReportLifecycle Then(ReportRoutingFailed _) => this with { Status = ReportStatus.RoutingFailed, Owner = TriageOwner, PolresId = null };

    public ReportLifecycle Then(ReportAcknowledged e) => this with { Status = ReportStatus.Acknowledged, Owner = e.Officer.Nrp };

    public ReportLifecycle Then(ReportAssigned e) => this with { Status = ReportStatus.Assigned, Owner = e.Officer?.Nrp ?? e.PolsekId };

    public ReportLifecycle Then(ReportRejected _) => this with { Status = ReportStatus.Rejected, Owner = RoutingOwner, PolresId = null };

    public ReportLifecycle Then(ReportResolved _) => this with { Status = ReportStatus.Resolved };

    public ReportLifecycle Then(ReportClosed _) => this with { Status = ReportStatus.Closed };

    /// <summary>Back to the same station, owned by it until an officer acknowledges it again.</summary>
    public ReportLifecycle Then(ReportReopened _) =>
        this with { Status = PolresId is null ? ReportStatus.Received : ReportStatus.Forwarded, Owner = PolresId ?? RoutingOwner };

    public ReportLifecycle Then(ReportFlaggedAsPrank e) => this with { Status = ReportStatus.FlaggedAsPrank, FlaggedAs = e.Kind };

    public ReportLifecycle Then(ReportLinkedAsDuplicate e) => this with { Status = ReportStatus.Duplicate, DuplicateOf = e.DuplicateOf };

    /// <summary>Back to the station it was withdrawn from, as a fresh dispatch.</summary>
    public ReportLifecycle Then(ReportUnlinked _) =>
        this with { Status = PolresId is null ? ReportStatus.Received : ReportStatus.Forwarded, Owner = PolresId ?? RoutingOwner, DuplicateOf = null };

    public ReportLifecycle Then(ReportEscalated _) => this;

    /// <summary>With a station and not yet resolved or withdrawn: the SLA clock runs and the report is in the station's open list.</summary>
    public bool IsOpenAtStation => Status is ReportStatus.Forwarded or ReportStatus.Acknowledged or ReportStatus.Assigned;

    /// <summary>Flagged as a prank or linked as a duplicate: nobody should work on it.</summary>
    public bool IsWithdrawn => Status is ReportStatus.FlaggedAsPrank or ReportStatus.Duplicate;

    /// <summary>Folds a whole history, first event first; null for an empty one.</summary>
    public static ReportLifecycle? Fold(IEnumerable<object> events)
    {
        ReportLifecycle? state = null;
        foreach (var e in events)
        {
            state = e is ReportReceived received ? Begin(received) : state?.Then(e);
        }

        return state;
    }

    /// <summary>Applies any report event; events that do not move the lifecycle leave it as it is.</summary>
    public ReportLifecycle Then(object e) => e switch
    {
        ReportForwarded x => Then(x),
        ReportRoutingFailed x => Then(x),
        ReportAcknowledged x => Then(x),
        ReportAssigned x => Then(x),
        ReportRejected x => Then(x),
        ReportResolved x => Then(x),
        ReportClosed x => Then(x),
        ReportReopened x => Then(x),
        ReportFlaggedAsPrank x => Then(x),
        ReportLinkedAsDuplicate x => Then(x),
        ReportUnlinked x => Then(x),
        _ => this,
    };
}
