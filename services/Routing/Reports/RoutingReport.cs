using Polri110.Contracts;

namespace Polri110.Routing.Reports;

public enum RoutingStatus
{
    AwaitingRouting,
    Forwarded,
    RejectedByStation,
    InTriage,

    /// <summary>Flagged as a prank after it was recorded: never routed again.</summary>
    Withdrawn,
}

/// <summary>A report as Routing needs to know it; folded from the report's stream.</summary>
/// <param name="RegionCode">Null when the caller could not say where: such a report goes to triage.</param>
/// <param name="RejectedBy">Every Polres that has said the report is not theirs: never forwarded back to them automatically.</param>
public sealed record RoutingReport(Guid Id, CallType CallType, string? RegionCode, RoutingStatus Status, string? PolresId, IReadOnlyList<string> RejectedBy)
{
    public static RoutingReport Create(ReportReceived received) =>
        new(received.ReportId, received.CallType, received.Location.RegionCode, RoutingStatus.AwaitingRouting, PolresId: null, RejectedBy: []);

    public RoutingReport Apply(ReportForwarded forwarded) =>
        this with { Status = RoutingStatus.Forwarded, PolresId = forwarded.PolresId, RegionCode = forwarded.RegionCode };

    public RoutingReport Apply(ReportRoutingFailed _) => this with { Status = RoutingStatus.InTriage, PolresId = null };

    public RoutingReport Apply(ReportFlaggedAsPrank _) => this with { Status = RoutingStatus.Withdrawn };

    public RoutingReport Apply(ReportRejected rejected) =>
        this with { Status = RoutingStatus.RejectedByStation, PolresId = null, RejectedBy = [.. RejectedBy, rejected.PolresId] };
}
