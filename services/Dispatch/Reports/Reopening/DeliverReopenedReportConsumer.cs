using MassTransit;
using Microsoft.Extensions.Options;
using Polri110.Contracts;
using Polri110.Dispatch.Reports.DeliveringToStation;
using Polri110.Dispatch.Sla;
using Polri110.Dispatch.Stations;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.Reopening;

/// <summary>
/// The caller called back about a resolved report: it is back in the same station's open list with a fresh SLA clock
/// (<see cref="SlaClock.Then"/>), and the station's queue gets <c>report.reopened</c>, once per reopening.
/// </summary>
public sealed class DeliverReopenedReportConsumer(
    ReportStreams reports, StationDeliveries deliveries, StationQueues stations, IOptions<SlaPolicy> sla) : IConsumer<ReportReopened>
{
    public async Task Consume(ConsumeContext<ReportReopened> context)
    {
        var reopened = context.Message;
        var deliveryId = context.MessageId ?? throw new InvalidOperationException("A ReportReopened message without the event's id cannot be de-duplicated.");
        var report = await reports.ReadAsync<DispatchReport>(reopened.ReportId, context.CancellationToken)
                     ?? throw new InvalidOperationException($"Report {reopened.ReportId} was reopened but its stream is missing.");

        // Acknowledged, withdrawn or rejected since: the station already knows, or another message will tell it.
        if (report.Status != ReportStatus.Forwarded || report.Lifecycle.PolresId is not { } polresId)
        {
            return;
        }

        var message = StationMessages.ToAct(report, deliveryId, StationMessageTypes.Reopened, reopened.OccurredAt, sla.Value, reopened.Reason);
        await deliveries.DeliverOnceAsync(deliveryId, reopened.ReportId, polresId, token => stations.PublishAsync(message, token), context.CancellationToken);
    }
}
