using JasperFx;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using Polri110.Contracts;
using Polri110.Dispatch.Sla;
using Polri110.Dispatch.Stations;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.DeliveringToStation;

/// <summary>
/// Puts a forwarded report into its station's queue, once per ReportForwarded event. The delivery record is
/// inserted in a transaction that commits only after the broker confirmed the message: a concurrent duplicate
/// waits on the record's key and then finds it; a crash before the commit leaves no record, so the redelivered
/// event queues the report again (at least once, never lost).
/// </summary>
public sealed class DeliverForwardedReportConsumer(
    IDocumentStore store, NpgsqlDataSource database, ReportStreams reports, StationQueues stations, IOptions<SlaPolicy> sla, TimeProvider clock)
    : IConsumer<ReportForwarded>
{
    public async Task Consume(ConsumeContext<ReportForwarded> context)
    {
        var forwarded = context.Message;
        var deliveryId = context.MessageId ?? throw new InvalidOperationException("A ReportForwarded message without the event's id cannot be de-duplicated.");
        var cancellationToken = context.CancellationToken;

        var report = await reports.ReadAsync<DispatchReport>(forwarded.ReportId, cancellationToken)
                     ?? throw new InvalidOperationException($"Report {forwarded.ReportId} was forwarded but its stream is missing.");

        // Rejected or re-routed since: that later forwarding brings its own message.
        if (report.Status != DispatchStatus.Forwarded || !report.IsWith(forwarded.PolresId))
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        session.Insert(new StationDelivery(deliveryId, forwarded.ReportId, forwarded.PolresId, clock.GetUtcNow()));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            return; // Delivered already.
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
            report.Clock.AcknowledgeBy(sla.Value),
            forwarded.PolresId,
            forwarded.PolresName,
            forwarded.PoldaId,
            forwarded.PoldaName), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
