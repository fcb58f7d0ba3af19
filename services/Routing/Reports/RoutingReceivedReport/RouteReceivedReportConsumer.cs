using MassTransit;
using Polri110.Contracts;
using Polri110.Routing.Jurisdictions;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Routing.Reports.RoutingReceivedReport;

public sealed class RouteReceivedReportConsumer(ReportStreams reports, JurisdictionLookup jurisdictions, ServiceDescription service, TimeProvider clock)
    : IConsumer<ReportReceived>
{
    public async Task Consume(ConsumeContext<ReportReceived> context)
    {
        if (context.Message.CallType != CallType.Incident)
        {
            return; // Most calls: never routed, nothing to read (the decider says the same).
        }

        var command = new RouteReport(context.Message.ReportId, service.Actor, clock.GetUtcNow());
        var decision = await reports.DecideAsync<RoutingReport>(
            command.ReportId,
            CommandContext.FromMessage(context, service.Actor),
            report => RouteReport.Decide(report, command, jurisdictions.Resolve, jurisdictions.MapVersion),
            cancellationToken: context.CancellationToken);
        if (decision.Rejection is { } rejection)
        {
            // The event came from the store, so its stream exists: this is a fault worth the _error queue.
            throw new InvalidOperationException(rejection.Detail);
        }
    }
}
