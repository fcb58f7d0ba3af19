using MassTransit;
using Polri110.Contracts;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Tracking.Reports.Closing;

public sealed class CloseCallConsumer(ReportStreams reports, ServiceDescription service, TimeProvider clock) : IConsumer<ReportReceived>
{
    public async Task Consume(ConsumeContext<ReportReceived> context)
    {
        if (context.Message.CallType == CallType.Incident)
        {
            return; // Routed, not closed: nothing to read.
        }

        var command = new CloseCall(context.Message.ReportId, service.Actor, clock.GetUtcNow());
        var decision = await reports.DecideAsync<ReportLifecycle>(
            command.ReportId,
            CommandContext.FromMessage(context, service.Actor),
            report => CloseCall.Decide(report, command),
            cancellationToken: context.CancellationToken);
        if (decision.Rejection is { } rejection)
        {
            // The event came from the store, so its stream exists: this is a fault worth the _error queue.
            throw new InvalidOperationException(rejection.Detail);
        }
    }
}
