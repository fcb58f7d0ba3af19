using MassTransit;
using Microsoft.Extensions.Options;
using Polri110.Contracts;
using Polri110.Dispatch.Broker;
using Polri110.Dispatch.Reports.DeliveringToStation;
using Polri110.Dispatch.Sla;

namespace Polri110.Dispatch.Reports.Assigning;

/// <summary>
/// The second hop (SPEC §6): a report its Polres assigned to a Polsek goes to that Polsek's own queue
/// <c>dispatch.&lt;polsek-id&gt;</c> as <c>report.assigned</c>, once per assignment.
/// </summary>
public sealed class DeliverAssignmentConsumer(StationDeliveries deliveries, StationQueues stations, IOptions<SlaPolicy> sla) : IConsumer<ReportAssigned>
{
    public Task Consume(ConsumeContext<ReportAssigned> context)
    {
        var assigned = context.Message;
        return deliveries.DeliverOnceAsync(context, assigned.ReportId, (report, deliveryId) =>
        {
            // Resolved, withdrawn, reassigned or back with the Polres since: a later event tells whoever holds it.
            if (!report.IsAssignedTo(assigned.PolsekId) || !report.Lifecycle.IsOpenAtStation)
            {
                return null;
            }

            var message = StationMessages.ToAct(report, deliveryId, StationMessageTypes.Assigned, assigned.OccurredAt, sla.Value) with
            {
                PolsekId = assigned.PolsekId,
                AssignedOfficer = assigned.Officer,
            };
            return new StationDeliveryPlan(assigned.PolsekId, token => stations.PublishAsync(assigned.PolsekId, message, token));
        });
    }
}
