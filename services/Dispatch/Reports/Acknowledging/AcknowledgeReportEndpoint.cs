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

        // The actor is the token's subject, never the NRP typed in: a desk cannot act under another officer's name.
        var actor = Actors.Of(http);
        var command = new AcknowledgeReport(reportId, polresId, request.Officer!.ToOfficer(), actor, clock.GetUtcNow());
        var decision = await streams.DecideAsync<DispatchReport>(
            reportId, CommandContext.FromRequest(http, actor), report => AcknowledgeReport.Decide(report, command, sla.Value),
            cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }
}
