using MassTransit;
using Microsoft.Extensions.Options;
using Polri110.Contracts;
using Polri110.Dispatch.Broker;
using Polri110.Dispatch.Sla;

namespace Polri110.Dispatch.Reports.DeliveringToStation;

/// <summary>Puts a forwarded report into its station's queue (<c>report.dispatched</c>), once per ReportForwarded event.</summary>
public sealed class DeliverForwardedReportConsumer(StationDeliveries deliveries, StationQueues stations, IOptions<SlaPolicy> sla) : IConsumer<ReportForwarded>
{
    public Task Consume(ConsumeContext<ReportForwarded> context)
    {
        var forwarded = context.Message;
        return deliveries.DeliverOnceAsync(context, forwarded.ReportId, (report, deliveryId) =>
        {
            // Rejected, re-routed or withdrawn since: a later forwarding brings its own message, or none is due.
            if (report.Status != ReportStatus.Forwarded || !report.IsWith(forwarded.PolresId))
            {
                return null;
            }

            var message = StationMessages.ToAct(report, deliveryId, StationMessageTypes.Dispatched, forwarded.OccurredAt, sla.Value);
            return new StationDeliveryPlan(forwarded.PolresId, token => stations.PublishAsync(forwarded.PolresId, message, token));
        });
    }
}
