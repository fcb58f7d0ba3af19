using Polri110.Contracts;

namespace Polri110.Routing.Reports;

public enum RoutingStatus
{
    AwaitingRouting,
    Forwarded,
    RejectedByStation,
    InTriage,

    /// <summary>Flagged as a prank, or linked as a duplicate, before it reached a station: not routed.</summary>
    Withdrawn,
}

/// <summary>A report as Routing needs to know it; folded from the report's stream.</summary>
/// <param name="RegionCode">Null when the caller could not say where: such a report goes to triage.</param>
/// <param name="RejectedBy">Every Polres that has said the report is not theirs: never forwarded back to them automatically.</param>
/// <param name="BeforeLink">While linked as a duplicate: where routing stood before, to go back there when unlinked.</param>
public sealed record RoutingReport(
    Guid Id, CallType CallType, string? RegionCode, RoutingStatus Status, string? PolresId, IReadOnlyList<string> RejectedBy, RoutingStatus? BeforeLink = null)
{
    public static RoutingReport Create(ReportReceived received) =>
        new(received.ReportId, received.CallType, received.Location.RegionCode, RoutingStatus.AwaitingRouting, PolresId: null, RejectedBy: []);

    public RoutingReport Apply(ReportForwarded forwarded) =>
        this with { Status = RoutingStatus.Forwarded, PolresId = forwarded.PolresId, RegionCode = forwarded.RegionCode };

    public RoutingReport Apply(ReportRoutingFailed _) => this with { Status = RoutingStatus.InTriage, PolresId = null };

    public RoutingReport Apply(ReportFlaggedAsPrank _) => this with { Status = RoutingStatus.Withdrawn };

    public RoutingReport Apply(ReportLinkedAsDuplicate _) => this with { Status = RoutingStatus.Withdrawn, BeforeLink = Status };

    public RoutingReport Apply(ReportUnlinked _) => this with { Status = BeforeLink ?? Status, BeforeLink = null };

    public RoutingReport Apply(ReportRejected rejected) =>
        this with { Status = RoutingStatus.RejectedByStation, PolresId = null, RejectedBy = [.. RejectedBy, rejected.PolresId] };
}
