using MassTransit;
using Microsoft.Extensions.Options;
using Polri110.Contracts;
using Polri110.Dispatch.Sla;
using Polri110.Dispatch.Broker;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.DeliveringToStation;

/// <summary>Puts a forwarded report into its station's queue (<c>report.dispatched</c>), once per ReportForwarded event.</summary>
public sealed class DeliverForwardedReportConsumer(
    ReportStreams reports, StationDeliveries deliveries, StationQueues stations, IOptions<SlaPolicy> sla) : IConsumer<ReportForwarded>
{
    public async Task Consume(ConsumeContext<ReportForwarded> context)
    {
        var forwarded = context.Message;
        var deliveryId = context.MessageId ?? throw new InvalidOperationException("A ReportForwarded message without the event's id cannot be de-duplicated.");
        var report = await reports.ReadAsync<DispatchReport>(forwarded.ReportId, context.CancellationToken)
                     ?? throw new InvalidOperationException($"Report {forwarded.ReportId} was forwarded but its stream is missing.");

        // Rejected, re-routed or withdrawn since: a later forwarding brings its own message.
        if (report.Status != ReportStatus.Forwarded || !report.IsWith(forwarded.PolresId))
        {
            return;
        }

        var message = StationMessages.ToAct(report, deliveryId, StationMessageTypes.Dispatched, forwarded.OccurredAt, sla.Value);
        await deliveries.DeliverOnceAsync(deliveryId, forwarded.ReportId, forwarded.PolresId, token => stations.PublishAsync(forwarded.PolresId, message, token), context.CancellationToken);
    }
}
