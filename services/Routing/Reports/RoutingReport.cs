using Polri110.Contracts;

namespace Polri110.Routing.Reports;

public enum RoutingStatus
{
    AwaitingRouting,
    Forwarded,
    RejectedByStation,
    InTriage,
}

/// <summary>A report as Routing needs to know it; folded from the report's stream.</summary>
/// <param name="RejectedBy">Every Polres that has said the report is not theirs: never forwarded back to them automatically.</param>
public sealed record RoutingReport(Guid Id, string RegionCode, RoutingStatus Status, string? PolresId, IReadOnlyList<string> RejectedBy)
{
    public static RoutingReport Create(ReportReceived received) =>
        new(received.ReportId, received.Location.RegionCode, RoutingStatus.AwaitingRouting, PolresId: null, RejectedBy: []);

    public RoutingReport Apply(ReportForwarded forwarded) =>
        this with { Status = RoutingStatus.Forwarded, PolresId = forwarded.PolresId, RegionCode = forwarded.RegionCode };

    public RoutingReport Apply(ReportRoutingFailed _) => this with { Status = RoutingStatus.InTriage, PolresId = null };

    public RoutingReport Apply(ReportRejected rejected) =>
        this with { Status = RoutingStatus.RejectedByStation, PolresId = null, RejectedBy = [.. RejectedBy, rejected.PolresId] };
}
