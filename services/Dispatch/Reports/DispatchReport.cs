using System.Diagnostics.CodeAnalysis;
using Polri110.Contracts;
using Polri110.Dispatch.Sla;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports;

public enum DispatchStatus
{
    AwaitingRouting,
    InTriage,
    Forwarded,
    Acknowledged,
    Assigned,
    Resolved,
    Rejected,
    FlaggedAsPrank,
}

/// <summary>A report as its station sees it; folded from the report's stream.</summary>
/// <param name="Owner">Who answers for the report now: the Polres until an officer acknowledges it, then that officer,
/// then the Polsek/officer it was assigned to.</param>
public sealed record DispatchReport(
    Guid Id,
    ReportReceived Received,
    DispatchStatus Status,
    ReportForwarded? Forwarding,
    ReportAcknowledged? Acknowledgement,
    ReportResolved? Resolution,
    string Owner,
    int EscalationLevel,
    ReportEscalated? LastEscalation)
{
    public static DispatchReport Create(ReportReceived received) =>
        new(received.ReportId, received, DispatchStatus.AwaitingRouting, null, null, null, Owner: "routing", EscalationLevel: 0, LastEscalation: null);

    public DispatchReport Apply(ReportForwarded forwarded) =>
        this with { Status = DispatchStatus.Forwarded, Forwarding = forwarded, Acknowledgement = null, Owner = forwarded.PolresId };

    public DispatchReport Apply(ReportRoutingFailed _) => this with { Status = DispatchStatus.InTriage, Forwarding = null, Owner = "triage" };

    public DispatchReport Apply(ReportAcknowledged acknowledged) =>
        this with { Status = DispatchStatus.Acknowledged, Acknowledgement = acknowledged, Owner = acknowledged.Officer.Nrp };

    public DispatchReport Apply(ReportAssigned assigned) =>
        this with { Status = DispatchStatus.Assigned, Owner = assigned.Officer?.Nrp ?? assigned.PolsekId };

    public DispatchReport Apply(ReportResolved resolved) => this with { Status = DispatchStatus.Resolved, Resolution = resolved };

    public DispatchReport Apply(ReportRejected _) => this with { Status = DispatchStatus.Rejected, Forwarding = null, Owner = "routing" };

    public DispatchReport Apply(ReportFlaggedAsPrank _) => this with { Status = DispatchStatus.FlaggedAsPrank };

    public DispatchReport Apply(ReportEscalated escalated) => this with { EscalationLevel = escalated.Level, LastEscalation = escalated };

    /// <summary>Whether the report currently sits with this Polres.</summary>
    public bool IsWith(string polresId) => Forwarding?.PolresId == polresId;

    /// <summary>
    /// The check every station command starts with: the report exists and sits with the acting station;
    /// otherwise <paramref name="refusal"/> says why not (404 or 403).
    /// </summary>
    public static bool IsActionableBy(
        [NotNullWhen(true)] DispatchReport? report, Guid reportId, string polresId, [NotNullWhen(false)] out Decision? refusal)
    {
        refusal = report is null ? Decision.Reject(RejectionKind.NotFound, $"Report {reportId} does not exist.")
            : !report.IsWith(polresId) ? Decision.Reject(RejectionKind.Forbidden, $"Report {reportId} is not in the queue of {polresId}.")
            : null;
        return refusal is null;
    }

    /// <summary>With a station and not yet resolved: the SLA clock runs.</summary>
    public bool IsOpenAtStation => Status is DispatchStatus.Forwarded or DispatchStatus.Acknowledged or DispatchStatus.Assigned;

    public SlaClock Clock => new(
        Received.Priority, Received.OccurredAt, Acknowledgement is not null, IsOpenAtStation, EscalationLevel,
        LastEscalation?.OccurredAt, LastEscalation?.MissedDeadline);
}
