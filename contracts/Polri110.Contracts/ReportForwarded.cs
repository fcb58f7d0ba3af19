namespace Polri110.Contracts;

/// <summary>Routing: the report is sent to the Polres responsible for its place, under its Polda.</summary>
public sealed record ReportForwarded(
    Guid ReportId,
    string RegionCode,
    string PolresId,
    string PolresName,
    string PoldaId,
    string PoldaName,
    string JurisdictionMapVersion,
    string Actor,
    DateTimeOffset OccurredAt) : IReportEvent;
