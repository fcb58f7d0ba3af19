namespace Polri110.Contracts;

/// <summary>
/// Routing: the report is sent to the Polres responsible for its place, under its Polda. <paramref name="Reason"/>
/// says why when it was not the first, automatic routing (a station's rejection, a supervisor's triage decision).
/// <paramref name="SuggestedPolsekId"/> is the Polsek the map names for the place, when the place is known that precisely:
/// a suggestion to the Polres, which decides whom to assign.
/// </summary>
public sealed record ReportForwarded(
    Guid ReportId,
    string RegionCode,
    string PolresId,
    string PolresName,
    string PoldaId,
    string PoldaName,
    string JurisdictionMapVersion,
    string Actor,
    DateTimeOffset OccurredAt,
    string? Reason = null,
    string? SuggestedPolsekId = null,
    string? SuggestedPolsekName = null) : IReportEvent;
