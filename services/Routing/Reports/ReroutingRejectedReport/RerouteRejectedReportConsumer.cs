using MassTransit;
using Polri110.Contracts;
using Polri110.Routing.Jurisdictions;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Routing.Reports.ReroutingRejectedReport;

public sealed class RerouteRejectedReportConsumer(ReportStreams reports, JurisdictionLookup jurisdictions, ServiceDescription service, TimeProvider clock)
    : IConsumer<ReportRejected>
{
    public async Task Consume(ConsumeContext<ReportRejected> context)
    {
        var rejected = context.Message;
        var command = new RerouteReport(rejected.ReportId, rejected.PolresId, rejected.Reason, rejected.SuggestedRegionCode, service.Actor, clock.GetUtcNow());
        var decision = await reports.DecideAsync<RoutingReport>(
            command.ReportId,
            CommandContext.FromMessage(context, service.Actor),
            report => RerouteReport.Decide(report, command, jurisdictions.Resolve, jurisdictions.MapVersion),
            cancellationToken: context.CancellationToken);
        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException(rejection.Detail);
        }
    }
}
