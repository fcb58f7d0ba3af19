using Polri110.Contracts;
using Polri110.Dispatch.Reports;
using Microsoft.Extensions.Options;
using Polri110.Dispatch.Reports.Acknowledging;
using Polri110.Dispatch.Reports.Assigning;
using Polri110.Dispatch.Reports.FlaggingAsPrank;
using Polri110.Dispatch.Sla;
using Polri110.Jurisdictions.Map;
using Polri110.Dispatch.Reports.Rejecting;
using Polri110.Dispatch.Reports.Resolving;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Dispatch.Stations;

public sealed record AcknowledgeRequest(OfficerRequest? Officer);

public sealed record OfficerRequest(string? Nrp, string? Name);

public sealed record ResolveRequest(string? Outcome, string? Summary);

public sealed record RejectRequest(string? Reason, string? SuggestedRegion);

public sealed record AssignRequest(string? PolsekId, OfficerRequest? Officer);

public sealed record PrankRequest(PrankKind? Kind, string? Note);

/// <summary>What a Polres duty desk does with the reports in its queue (SPEC §7).</summary>
public static partial class StationEndpoints
{
    public static void MapStationEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/stations/{polresId}/reports/{reportId:guid}")
            .RequireOwnStation()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        reports.MapPost("/acknowledge", Acknowledge).WithName("AcknowledgeReport");
        reports.MapPost("/resolve", Resolve).WithName("ResolveReport");
        reports.MapPost("/reject", Reject).WithName("RejectReport");
        reports.MapPost("/assign", Assign).WithName("AssignReport");
        reports.MapPost("/prank", FlagPrank).WithName("FlagReportAsPrank");
    }

    private static async Task<IResult> Acknowledge(
        string polresId, Guid reportId, AcknowledgeRequest request, HttpContext http, ReportStreams streams, IOptions<SlaPolicy> sla, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        RequireOfficer(errors, request.Officer);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var officer = new Officer(request.Officer!.Nrp!, request.Officer.Name!);
        var command = new AcknowledgeReport(reportId, polresId, officer, clock.GetUtcNow());
        var decision = await streams.DecideAsync<DispatchReport>(
            reportId, CommandContext.FromRequest(http, officer.Nrp), report => AcknowledgeReport.Decide(report, command, sla.Value), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }

    private static async Task<IResult> Resolve(
        string polresId, Guid reportId, ResolveRequest request, HttpContext http, ReportStreams streams, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, "outcome", request.Outcome, 100);
        Require(errors, "summary", request.Summary, 4000);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var actor = Actors.Of(http);
        var command = new ResolveReport(reportId, polresId, request.Outcome!, request.Summary!, actor, clock.GetUtcNow());
        var decision = await streams.DecideAsync<DispatchReport>(
            reportId, CommandContext.FromRequest(http, actor), report => ResolveReport.Decide(report, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }

    private static async Task<IResult> Reject(
        string polresId, Guid reportId, RejectRequest request, HttpContext http, ReportStreams streams, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, "reason", request.Reason, 1000);
        if (request.SuggestedRegion is not null && !Polri110.Jurisdictions.Regions.RegionCode.IsWellFormed(request.SuggestedRegion))
        {
            errors["suggestedRegion"] = ["A Kemendagri region code such as 36.03 or 36.03.01, or leave it out."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var actor = Actors.Of(http);
        var command = new RejectReport(reportId, polresId, request.Reason!, request.SuggestedRegion, actor, clock.GetUtcNow());
        var decision = await streams.DecideAsync<DispatchReport>(
            reportId, CommandContext.FromRequest(http, actor), report => RejectReport.Decide(report, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }

    private static async Task<IResult> Assign(
        string polresId, Guid reportId, AssignRequest request, HttpContext http, ReportStreams streams, JurisdictionMap map, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.PolsekId is null || !PolsekIdPattern().IsMatch(request.PolsekId))
        {
            errors["polsekId"] = ["Required: a Polsek id such as polsek-36-71-01."];
        }
        if (request.Officer is not null)
        {
            RequireOfficer(errors, request.Officer);
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var actor = Actors.Of(http);
        var officer = request.Officer is null ? null : new Officer(request.Officer.Nrp!, request.Officer.Name!);
        var command = new AssignReport(reportId, polresId, request.PolsekId!, officer, actor, clock.GetUtcNow());
        var decision = await streams.DecideAsync<DispatchReport>(
            reportId, CommandContext.FromRequest(http, actor), report => AssignReport.Decide(report, command, map.PolresOfPolsek),
            cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }

    private static async Task<IResult> FlagPrank(
        string polresId, Guid reportId, PrankRequest request, HttpContext http, ReportStreams streams, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Kind is null)
        {
            errors["kind"] = ["Required: prank, silent, misdial or abusive."];
        }

        if (request.Note is not null)
        {
            Require(errors, "note", request.Note, 1000);
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var actor = Actors.Of(http);
        var command = new FlagAsPrank(reportId, polresId, request.Kind!.Value, request.Note, actor, clock.GetUtcNow());
        var decision = await streams.DecideAsync<DispatchReport>(
            reportId, CommandContext.FromRequest(http, actor), report => FlagAsPrank.Decide(report, command), cancellationToken: cancellationToken);
        return Problems.AnswerWithEvent(decision);
    }

    private static void RequireOfficer(Dictionary<string, string[]> errors, OfficerRequest? officer)
    {
        if (officer?.Nrp is null || !NrpPattern().IsMatch(officer.Nrp))
        {
            errors["officer.nrp"] = ["Required: the officer's NRP, 8 digits (18 for a civil servant's NIP)."];
        }

        if (officer?.Name is null || !PersonNamePattern().IsMatch(officer.Name))
        {
            errors["officer.name"] = ["Required: 1 to 200 letters, spaces and . , ' -"];
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^([0-9]{8}|[0-9]{18})$")]
    private static partial System.Text.RegularExpressions.Regex NrpPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} .,'-]{0,199}$")]
    private static partial System.Text.RegularExpressions.Regex PersonNamePattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^polsek(-[0-9]{2,4}){3}$")]
    private static partial System.Text.RegularExpressions.Regex PolsekIdPattern();

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength || value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors[field] = [$"Required: 1 to {maxLength} characters, without control characters."];
        }
    }
}
