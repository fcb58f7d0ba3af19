using MassTransit;
using Polri110.Contracts;
using Polri110.Routing.Jurisdictions;
using Polri110.Routing.Reports.RoutingReceivedReport;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Routing.Reports.RoutingUnlinkedReport;

/// <summary>
/// A report linked as a duplicate before it was routed, and unlinked since, is routed now, by the same rule as a new
/// one. Reports that had reached a station go back to it without Routing (Dispatch), and those in triage wait there.
/// </summary>
public sealed class RouteUnlinkedReportConsumer(ReportStreams reports, JurisdictionLookup jurisdictions, ServiceDescription service, TimeProvider clock)
    : IConsumer<ReportUnlinked>
{
    public async Task Consume(ConsumeContext<ReportUnlinked> context)
    {
        var command = new RouteReport(context.Message.ReportId, service.Actor, clock.GetUtcNow());
        var decision = await reports.DecideAsync<RoutingReport>(
            command.ReportId,
            CommandContext.FromMessage(context, service.Actor),
            report => RouteReport.Decide(report, command, jurisdictions.Resolve, jurisdictions.MapVersion),
            cancellationToken: context.CancellationToken);
        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException(rejection.Detail);
        }
    }
}
