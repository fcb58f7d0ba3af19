using MassTransit;
using Polri110.Contracts;
using Polri110.Routing.Jurisdictions;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Routing.Reports.RoutingReceivedReport;

/// <summary>
/// Routes a newly received incident; and a report linked as a duplicate before it was routed, once it is unlinked
/// (reports that had reached a station go back to it through Dispatch, those in triage wait there: the decider knows).
/// The messages in flight share one transaction (<see cref="GroupCommit"/>): a burst of reports is routed in a few commits.
/// </summary>
public sealed class RouteReceivedReportConsumer(
    ReportStreams reports, GroupCommit group, JurisdictionLookup jurisdictions, ServiceDescription service, TimeProvider clock)
    : IConsumer<ReportReceived>, IConsumer<ReportUnlinked>
{
    public Task Consume(ConsumeContext<ReportReceived> context) =>
        // Most calls are not incidents: never routed, nothing to read (the decider says the same).
        context.Message.CallType == CallType.Incident ? RouteAsync(context, context.Message.ReportId) : Task.CompletedTask;

    public Task Consume(ConsumeContext<ReportUnlinked> context) => RouteAsync(context, context.Message.ReportId);

    private async Task RouteAsync(ConsumeContext context, Guid reportId)
    {
        var command = new RouteReport(reportId, service.Actor, clock.GetUtcNow());
        var decision = await reports.DecideTogetherAsync<RoutingReport>(
            group,
            command.ReportId,
            CommandContext.FromMessage(context, service.Actor),
            report => RouteReport.Decide(report, command, jurisdictions.Resolve, jurisdictions.MapVersion));
        if (decision.Rejection is { } rejection)
        {
            // The event came from the store, so its stream exists: this is a fault worth the _error queue.
            throw new InvalidOperationException(rejection.Detail);
        }
    }
}
