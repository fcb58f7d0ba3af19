using Polri110.Contracts;

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
public sealed record DispatchReport(
    Guid Id,
    ReportReceived Received,
    DispatchStatus Status,
    ReportForwarded? Forwarding,
    ReportAcknowledged? Acknowledgement,
    ReportResolved? Resolution)
{
    public static DispatchReport Create(ReportReceived received) =>
        new(received.ReportId, received, DispatchStatus.AwaitingRouting, Forwarding: null, Acknowledgement: null, Resolution: null);

    public DispatchReport Apply(ReportForwarded forwarded) =>
        this with { Status = DispatchStatus.Forwarded, Forwarding = forwarded, Acknowledgement = null };

    public DispatchReport Apply(ReportRoutingFailed _) => this with { Status = DispatchStatus.InTriage, Forwarding = null };

    public DispatchReport Apply(ReportAcknowledged acknowledged) => this with { Status = DispatchStatus.Acknowledged, Acknowledgement = acknowledged };

    public DispatchReport Apply(ReportAssigned _) => this with { Status = DispatchStatus.Assigned };

    public DispatchReport Apply(ReportResolved resolved) => this with { Status = DispatchStatus.Resolved, Resolution = resolved };

    public DispatchReport Apply(ReportRejected _) => this with { Status = DispatchStatus.Rejected, Forwarding = null };

    public DispatchReport Apply(ReportFlaggedAsPrank _) => this with { Status = DispatchStatus.FlaggedAsPrank };

    /// <summary>Whether the report currently sits with this Polres.</summary>
    public bool IsWith(string polresId) => Forwarding?.PolresId == polresId;
}
