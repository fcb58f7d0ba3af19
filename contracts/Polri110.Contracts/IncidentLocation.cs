namespace Polri110.Contracts;

/// <summary>
/// Where the incident happened. <paramref name="RegionCode"/> is a Kemendagri code such as 36.71.01.1001, or null when
/// the caller could not say where (the report then waits in triage); an address or coordinates may still be known.
/// </summary>
public sealed record IncidentLocation(string? RegionCode, string? Address, double? Latitude, double? Longitude)
{
    public static IncidentLocation Unknown { get; } = new(null, null, null, null);
}
