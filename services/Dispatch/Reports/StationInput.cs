using System.Text.RegularExpressions;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;

namespace Polri110.Dispatch.Reports;

/// <summary>An officer as a station's request names one.</summary>
public sealed record OfficerRequest(string? Nrp, string? Name)
{
    public Officer ToOfficer() => new(Nrp!, Name!);
}

/// <summary>The field rules every station command shares, so each slice validates its request the same way.</summary>
public static partial class StationInput
{
    public static void RequireOfficer(Dictionary<string, string[]> errors, OfficerRequest? officer)
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

    public static bool IsPolsekId(string? id) => id is not null && PolsekIdPattern().IsMatch(id);

    [GeneratedRegex(@"^([0-9]{8}|[0-9]{18})$")]
    private static partial Regex NrpPattern();

    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} .,'-]{0,199}$")]
    private static partial Regex PersonNamePattern();

    [GeneratedRegex(@"^polsek(-[0-9]{2,4}){3}$")]
    private static partial Regex PolsekIdPattern();
}

/// <summary>The route every station command hangs from: only the acting station's own token (SPEC §7).</summary>
public static class StationCommandRoutes
{
    public static RouteGroupBuilder MapStationCommands(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/stations/{polresId}/reports/{reportId:guid}")
            .RequireOwnStation()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
