using MassTransit;
using Polri110.Contracts;
using Polri110.Dispatch.Reports.DeliveringToStation;
using Polri110.Dispatch.Stations;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.Withdrawing;

/// <summary>
/// A report flagged as a prank (by an operator, a supervisor or the station itself) after it reached a station is
/// withdrawn there: <c>report.withdrawn</c> on the station's queue, once per flag. Its SLA clock stopped and it left
/// the open list with the flag itself (<see cref="DispatchReport"/>, <see cref="ListingStationReports.StationReportProjection"/>).
/// </summary>
public sealed class WithdrawFlaggedReportConsumer(ReportStreams reports, StationDeliveries deliveries, StationQueues stations) : IConsumer<ReportFlaggedAsPrank>
{
    public async Task Consume(ConsumeContext<ReportFlaggedAsPrank> context)
    {
        var flagged = context.Message;
        var deliveryId = context.MessageId ?? throw new InvalidOperationException("A ReportFlaggedAsPrank message without the event's id cannot be de-duplicated.");
        var report = await reports.ReadAsync<DispatchReport>(flagged.ReportId, context.CancellationToken)
                     ?? throw new InvalidOperationException($"Report {flagged.ReportId} was flagged but its stream is missing.");

        // Not with a station (flagged while routing, in triage or being re-routed): no station has it to stop working on.
        if (report.Lifecycle.PolresId is not { } polresId)
        {
            return;
        }

        var message = new StationWithdrawalMessage(
            deliveryId.ToString(),
            flagged.ReportId,
            report.Received.TrackingCode,
            polresId,
            Reason: flagged.Kind.ToString().ToLowerInvariant(),
            flagged.Note,
            WithdrawnBy: flagged.Actor,
            WithdrawnAt: flagged.OccurredAt);
        await deliveries.DeliverOnceAsync(deliveryId, flagged.ReportId, polresId, token => stations.PublishAsync(message, token), context.CancellationToken);
    }
}
