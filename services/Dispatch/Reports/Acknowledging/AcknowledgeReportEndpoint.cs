using Microsoft.Extensions.Options;
using Polri110.Dispatch.Sla;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Dispatch.Reports.Acknowledging;

public sealed record AcknowledgeRequest(OfficerRequest? Officer);

public static class AcknowledgeReportEndpoint
{
    public static void MapAcknowledgeReport(this RouteGroupBuilder station) =>
        station.MapPost("/acknowledge", Handle).WithName("AcknowledgeReport");

    private static async Task<IResult> Handle(
        string polresId, Guid reportId, AcknowledgeRequest request, HttpContext http, ReportStreams streams, IOptions<SlaPolicy> sla, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        StationInput.RequireOfficer(errors, request.Officer);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var officer = request.Officer!.ToOfficer();
        var command = new AcknowledgeReport(reportId, polresId, officer, clock.GetUtcNow());
        var decision = await streams.DecideAsync<DispatchReport>(
            reportId, CommandContext.FromRequest(http, officer.Nrp), report => AcknowledgeReport.Decide(report, command, sla.Value), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
