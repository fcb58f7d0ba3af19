using MassTransit;
using Microsoft.Extensions.Options;
using Polri110.Contracts;
using Polri110.Dispatch.Broker;
using Polri110.Dispatch.Reports.DeliveringToStation;
using Polri110.Dispatch.Sla;

namespace Polri110.Dispatch.Reports.ReturningToStation;

/// <summary>
/// A report comes back to its station with a fresh SLA clock (<see cref="SlaClock.Then"/>), back in its open list: the
/// caller called back about a resolved report (<c>report.reopened</c>), or it was unlinked as a duplicate by mistake
/// (<c>report.dispatched</c> again). Once per event on the station's queue.
/// </summary>
public sealed class ReturnToStationConsumer(StationDeliveries deliveries, StationQueues stations, IOptions<SlaPolicy> sla)
    : IConsumer<ReportReopened>, IConsumer<ReportUnlinked>
{
    public Task Consume(ConsumeContext<ReportReopened> context) =>
        ReturnAsync(context, context.Message, StationMessageTypes.Reopened, context.Message.Reason);

    public Task Consume(ConsumeContext<ReportUnlinked> context) =>
        ReturnAsync(context, context.Message, StationMessageTypes.Dispatched, $"Not a duplicate of {context.Message.WasDuplicateOf} after all.");

    private Task ReturnAsync(ConsumeContext context, IReportEvent returned, string type, string reason)
    {
        return deliveries.DeliverOnceAsync(context, returned.ReportId, (report, deliveryId) =>
        {
            // Never at a station (routing decides), acknowledged, withdrawn or rejected since: another message tells the station.
            if (report.Status != ReportStatus.Forwarded || report.Lifecycle.PolresId is not { } polresId)
            {
                return null;
            }

            var message = StationMessages.ToAct(report, deliveryId, type, returned.OccurredAt, sla.Value, reason);
            return new StationDeliveryPlan(polresId, token => stations.PublishAsync(polresId, message, token));
        });
    }
}
