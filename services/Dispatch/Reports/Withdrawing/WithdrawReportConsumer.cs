using MassTransit;
using Polri110.Contracts;
using Polri110.Dispatch.Broker;
using Polri110.Dispatch.Reports.DeliveringToStation;

namespace Polri110.Dispatch.Reports.Withdrawing;

/// <summary>
/// A report flagged as a prank (by an operator, a supervisor or the station itself) or linked as a duplicate after it
/// reached a station is withdrawn there: <c>report.withdrawn</c> on the station's queue, once per event. Its SLA clock
/// stopped and it left the open list with the event itself (the one lifecycle fold).
/// </summary>
public sealed class WithdrawReportConsumer(StationDeliveries deliveries, StationQueues stations)
    : IConsumer<ReportFlaggedAsPrank>, IConsumer<ReportLinkedAsDuplicate>
{
    public Task Consume(ConsumeContext<ReportFlaggedAsPrank> context) =>
        WithdrawAsync(context, context.Message, reason: context.Message.Kind.ToString().ToLowerInvariant(), context.Message.Note, duplicateOf: null);

    public Task Consume(ConsumeContext<ReportLinkedAsDuplicate> context) =>
        WithdrawAsync(context, context.Message, reason: "duplicate", note: null, context.Message.DuplicateOf);

    private Task WithdrawAsync(ConsumeContext context, IReportEvent withdrawn, string reason, string? note, Guid? duplicateOf)
    {
        return deliveries.DeliverOnceAsync(context, withdrawn.ReportId, (report, deliveryId) =>
        {
            // Not with a station (withdrawn while routing, in triage or being re-routed): no station has it to stop working on.
            if (report.Lifecycle.PolresId is not { } polresId)
            {
                return null;
            }

            var message = new StationWithdrawalMessage(
                deliveryId.ToString(), withdrawn.ReportId, report.Received.TrackingCode, polresId, reason, note, withdrawn.Actor, withdrawn.OccurredAt,
                DuplicateOf: duplicateOf);
            return new StationDeliveryPlan(polresId, token => stations.PublishAsync(message, token));
        });
    }
}
