using Polri110.Contracts;

namespace Polri110.Routing.Reports;

public enum RoutingStatus
{
    AwaitingRouting,
    Forwarded,
    InTriage,
}

/// <summary>A report as Routing needs to know it; folded from the report's stream.</summary>
public sealed record RoutingReport(Guid Id, string RegionCode, RoutingStatus Status, string? PolresId)
{
    public static RoutingReport Create(ReportReceived received) =>
        new(received.ReportId, received.Location.RegionCode, RoutingStatus.AwaitingRouting, PolresId: null);

    public RoutingReport Apply(ReportForwarded forwarded) => this with { Status = RoutingStatus.Forwarded, PolresId = forwarded.PolresId };

    public RoutingReport Apply(ReportRoutingFailed _) => this with { Status = RoutingStatus.InTriage, PolresId = null };
}
