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
/// <param name="Since">When the report entered its current status (e.g. when it was resolved, for closing it 72 h later).</param>
/// <param name="StatusBeforeLink">While linked as a duplicate: where it stood before, to go back there when unlinked.</param>
/// <param name="PolsekId">The Polsek the Polres assigned the report to, while it holds it.</param>
public sealed record ReportLifecycle(
    Guid Id,
    CallType CallType,
    string Status,
    string? Owner,
    string? PolresId,
    PrankKind? FlaggedAs,
    Guid? DuplicateOf,
    DateTimeOffset Since,
    string? StatusBeforeLink = null,
    string? PolsekId = null)
{
    public const string RoutingOwner = "routing";
    public const string TriageOwner = "triage";

    public static ReportLifecycle Begin(ReportReceived e) =>
        new(e.ReportId, e.CallType, ReportStatus.Received, e.CallType == CallType.Incident ? RoutingOwner : null,
            PolresId: null, FlaggedAs: null, DuplicateOf: null, Since: e.OccurredAt);

    private ReportLifecycle Step(ReportForwarded e) =>
        this with { Status = ReportStatus.Forwarded, Owner = e.PolresId, PolresId = e.PolresId, PolsekId = null };

    private ReportLifecycle Step(ReportRoutingFailed _) =>
        this with { Status = ReportStatus.RoutingFailed, Owner = TriageOwner, PolresId = null };

    private ReportLifecycle Step(ReportAcknowledged e) => this with { Status = ReportStatus.Acknowledged, Owner = e.Officer.Nrp };

    private ReportLifecycle Step(ReportAssigned e) =>
        this with { Status = ReportStatus.Assigned, Owner = e.Officer?.Nrp ?? e.PolsekId, PolsekId = e.PolsekId };

    private ReportLifecycle Step(ReportRejected _) =>
        this with { Status = ReportStatus.Rejected, Owner = RoutingOwner, PolresId = null, PolsekId = null };

    private ReportLifecycle Step(ReportResolved _) => this with { Status = ReportStatus.Resolved };

    private ReportLifecycle Step(ReportClosed _) => this with { Status = ReportStatus.Closed };

    /// <summary>Back to the same station, owned by it until an officer acknowledges it again.</summary>
    private ReportLifecycle Step(ReportReopened _) =>
        this with
        {
            Status = PolresId is null ? ReportStatus.Received : ReportStatus.Forwarded, Owner = PolresId ?? RoutingOwner, PolsekId = null,
        };

    private ReportLifecycle Step(ReportFlaggedAsPrank e) => this with { Status = ReportStatus.FlaggedAsPrank, FlaggedAs = e.Kind };

    private ReportLifecycle Step(ReportLinkedAsDuplicate e) =>
        this with { Status = ReportStatus.Duplicate, DuplicateOf = e.DuplicateOf, StatusBeforeLink = Status };

    /// <summary>
    /// Back to its station as a fresh dispatch, or, if it never reached one, back where it stood (awaiting routing or in
    /// triage).
    /// </summary>
    private ReportLifecycle Step(ReportUnlinked _) => (PolresId, StatusBeforeLink) switch
    {
        ({ } polresId, _) => this with { Status = ReportStatus.Forwarded, Owner = polresId },
        (null, ReportStatus.RoutingFailed) => this with { Status = ReportStatus.RoutingFailed, Owner = TriageOwner },
        _ => this with { Status = ReportStatus.Received, Owner = RoutingOwner },
    } with { DuplicateOf = null, StatusBeforeLink = null, PolsekId = null };

    private ReportLifecycle Step(ReportEscalated _) => this;

    /// <summary>With a station and not yet resolved or withdrawn: the SLA clock runs; the report is in the station's open list.</summary>
    public bool IsOpenAtStation => Status is ReportStatus.Forwarded or ReportStatus.Acknowledged or ReportStatus.Assigned;

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
    public ReportLifecycle Then(object e)
    {
        var next = Step(e);
        return next.Status != Status && e is IReportEvent moved ? next with { Since = moved.OccurredAt } : next;
    }

    private ReportLifecycle Step(object e) => e switch
    {
        ReportForwarded x => Step(x),
        ReportRoutingFailed x => Step(x),
        ReportAcknowledged x => Step(x),
        ReportAssigned x => Step(x),
        ReportRejected x => Step(x),
        ReportResolved x => Step(x),
        ReportClosed x => Step(x),
        ReportReopened x => Step(x),
        ReportFlaggedAsPrank x => Step(x),
        ReportLinkedAsDuplicate x => Step(x),
        ReportUnlinked x => Step(x),
        _ => this,
    };
}
