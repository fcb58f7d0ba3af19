using MassTransit;
using Polri110.Contracts;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Tracking.Reports.Closing;

/// <summary>
/// Closes every call that is not an incident as soon as it is recorded: most calls to 110 are silent, pranks or misdials.
/// The closings in flight share one transaction (<see cref="GroupCommit"/>), as Routing's forwardings do: a burst of calls
/// is closed in a few commits instead of one each.
/// </summary>
public sealed class CloseCallConsumer(ReportStreams reports, GroupCommit group, ServiceDescription service, TimeProvider clock)
    : IConsumer<ReportReceived>
{
    public async Task Consume(ConsumeContext<ReportReceived> context)
    {
        if (context.Message.CallType == CallType.Incident)
        {
            return; // Routed, not closed: nothing to read.
        }

        var command = new CloseCall(context.Message.ReportId, service.Actor, clock.GetUtcNow());
        var decision = await reports.DecideTogetherAsync<ReportLifecycle>(
            group, command.ReportId, CommandContext.FromMessage(context, service.Actor), report => CloseCall.Decide(report, command));
        if (decision.Rejection is { } rejection)
        {
            // The event came from the store, so its stream exists: this is a fault worth the _error queue.
            throw new InvalidOperationException(rejection.Detail);
        }
    }
}
