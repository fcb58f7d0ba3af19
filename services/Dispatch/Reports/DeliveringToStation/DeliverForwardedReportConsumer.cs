using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Polri110.Contracts;
using Polri110.Dispatch.Stations;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.DeliveringToStation;

/// <summary>Puts a forwarded report into its station's queue, once per ReportForwarded event.</summary>
public sealed class DeliverForwardedReportConsumer(
    IDocumentStore store, ReportStreams reports, StationQueues stations, IOptions<SlaPolicy> sla, TimeProvider clock)
    : IConsumer<ReportForwarded>
{
    public async Task Consume(ConsumeContext<ReportForwarded> context)
    {
        var forwarded = context.Message;
        var deliveryId = context.MessageId ?? throw new InvalidOperationException("A ReportForwarded message without the event's id cannot be de-duplicated.");
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<StationDelivery>(deliveryId, context.CancellationToken) is not null)
        {
            return;
        }

        var report = await reports.ReadAsync<DispatchReport>(forwarded.ReportId, context.CancellationToken)
                     ?? throw new InvalidOperationException($"Report {forwarded.ReportId} was forwarded but its stream is missing.");

        // Rejected or re-routed since: that later forwarding brings its own message.
        if (report.Status != DispatchStatus.Forwarded || !report.IsWith(forwarded.PolresId))
        {
            return;
        }

        var received = report.Received;
        await stations.PublishAsync(new StationDispatchMessage(
            deliveryId.ToString(),
            received.ReportId,
            received.TrackingCode,
            received.Priority,
            received.Category,
            received.Description,
            received.Location,
            received.Caller,
            received.OccurredAt,
            received.IncidentAt,
            forwarded.OccurredAt,
            received.OccurredAt + sla.Value.AcknowledgeWithin(received.Priority),
            forwarded.PolresId,
            forwarded.PolresName,
            forwarded.PoldaId,
            forwarded.PoldaName), context.CancellationToken);

        session.Store(new StationDelivery(deliveryId, forwarded.ReportId, forwarded.PolresId, clock.GetUtcNow()));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
