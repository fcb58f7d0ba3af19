using MassTransit;
using Polri110.Contracts;
using Polri110.Dispatch.Broker;
using Polri110.Dispatch.Reports.DeliveringToStation;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.AddingCallers;

/// <summary>
/// A call linked as a duplicate brings its caller to the report already being worked on: the primary's station gets
/// <c>report.caller-added</c> with the extra caller, once per link, in the order of the primary's history.
/// </summary>
public sealed class TellPrimaryStationConsumer(ReportStreams reports, StationDeliveries deliveries, StationQueues stations)
    : IConsumer<ReportLinkedAsDuplicate>
{
    public async Task Consume(ConsumeContext<ReportLinkedAsDuplicate> context)
    {
        var linked = context.Message;
        var duplicate = await reports.ReadAsync<DispatchReport>(linked.ReportId, context.CancellationToken)
                        ?? throw new InvalidOperationException($"Report {linked.ReportId} was linked but its stream is missing.");
        // The same event also withdraws the duplicate from its own station (WithdrawReportConsumer): a purpose of its own.
        await deliveries.DeliverOnceAsync(context, linked.DuplicateOf, (primary, deliveryId) =>
        {
            // The primary is at no station (still routing, in triage, resolved or withdrawn): Tracking shows the link.
            if (!primary.Lifecycle.IsOpenAtStation || primary.Lifecycle.PolresId is not { } polresId)
            {
                return null;
            }

            var caller = duplicate.Received;
            var message = new StationCallerAddedMessage(
                deliveryId.ToString(), primary.Id, primary.Received.TrackingCode, polresId, caller.ReportId, caller.TrackingCode,
                caller.Caller, caller.Description, caller.Location, caller.OccurredAt, linked.OccurredAt);
            return new StationDeliveryPlan(polresId, token => stations.PublishAsync(message, token));
        }, purpose: StationMessageTypes.CallerAdded);
    }
}
