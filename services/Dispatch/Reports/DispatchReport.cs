using System.Diagnostics.CodeAnalysis;
using Polri110.Contracts;
using Polri110.Dispatch.Sla;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports;

/// <summary>
/// A report as its station's deciders see it; folded from the report's stream. Status, owner and whether it is open at
/// the station come from the one lifecycle fold (<see cref="ReportLifecycle"/>), its deadlines from <see cref="SlaClock"/>.
/// </summary>
/// <param name="Forwarding">The last forwarding: which Polres and Polda the report went to.</param>
/// <param name="Acknowledgement">Who took ownership since the report last came to the station, if anyone.</param>
public sealed record DispatchReport(
    Guid Id,
    ReportReceived Received,
    ReportLifecycle Lifecycle,
    SlaClock Clock,
    ReportForwarded? Forwarding,
    ReportAcknowledged? Acknowledgement)
{
    public static DispatchReport Create(ReportReceived e) =>
        new(e.ReportId, e, ReportLifecycle.Begin(e), SlaClock.Start(e.Priority, e.OccurredAt), Forwarding: null, Acknowledgement: null);

    public DispatchReport Apply(ReportForwarded e) => Then(e) with { Forwarding = e, Acknowledgement = null };

    public DispatchReport Apply(ReportRoutingFailed e) => Then(e);

    public DispatchReport Apply(ReportAcknowledged e) => Then(e) with { Acknowledgement = e };

    public DispatchReport Apply(ReportAssigned e) => Then(e);

    public DispatchReport Apply(ReportRejected e) => Then(e);

    public DispatchReport Apply(ReportResolved e) => Then(e);

    public DispatchReport Apply(ReportClosed e) => Then(e);

    public DispatchReport Apply(ReportFlaggedAsPrank e) => Then(e);

    public DispatchReport Apply(ReportLinkedAsDuplicate e) => Then(e);

    /// <summary>Back at the station: it must be acknowledged again.</summary>
    public DispatchReport Apply(ReportUnlinked e) => Then(e) with { Acknowledgement = null };

    /// <summary>Back at the station: it must be acknowledged again.</summary>
    public DispatchReport Apply(ReportReopened e) => Then(e) with { Acknowledgement = null };

    public DispatchReport Apply(ReportEscalated e) => Then(e);

    public string Status => Lifecycle.Status;

    public string Owner => Lifecycle.Owner ?? "";

    /// <summary>Whether the report currently sits with this Polres.</summary>
    public bool IsWith(string polresId) => Lifecycle.PolresId == polresId;

    /// <summary>Whether this Polsek holds the report, assigned to it by its Polres.</summary>
    public bool IsAssignedTo(string polsekId) => Lifecycle.PolsekId == polsekId;

    /// <summary>
    /// The check every station command starts with: the report exists and sits with the acting station (its Polres, or,
    /// where <paramref name="polsekMayAct"/>, the Polsek it is assigned to); otherwise <paramref name="refusal"/> says why
    /// not (404 or 403).
    /// </summary>
    public static bool IsActionableBy(
        [NotNullWhen(true)] DispatchReport? report, Guid reportId, string stationId, [NotNullWhen(false)] out Decision? refusal, bool polsekMayAct = false)
    {
        refusal = report is null ? Decision.Reject(RejectionKind.NotFound, $"Report {reportId} does not exist.")
            : !report.IsWith(stationId) && !(polsekMayAct && report.IsAssignedTo(stationId))
                ? Decision.Reject(RejectionKind.Forbidden, $"Report {reportId} is not in the queue of {stationId}.")
            : null;
        return refusal is null;
    }

    /// <summary>Folds a whole history, first event first (tests' Given steps, and anything reading raw events).</summary>
    public static DispatchReport? Fold(IEnumerable<object> events) =>
        events.Aggregate((DispatchReport?)null, (report, e) => e is ReportReceived received ? Create(received) : report?.After(e));

    /// <summary>Applies any report event, as Marten does by type.</summary>
    public DispatchReport After(object e) => e switch
    {
        ReportForwarded x => Apply(x),
        ReportAcknowledged x => Apply(x),
        ReportUnlinked x => Apply(x),
        ReportReopened x => Apply(x),
        _ => Then(e),
    };

    private DispatchReport Then(object e)
    {
        var lifecycle = Lifecycle.Then(e);
        return this with { Lifecycle = lifecycle, Clock = Clock.Then(e, lifecycle) };
    }
}
