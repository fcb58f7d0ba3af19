namespace Polri110.Contracts;

/// <summary>Where the incident happened; <paramref name="RegionCode"/> is a Kemendagri code such as 36.71.01.1001.</summary>
public sealed record IncidentLocation(string RegionCode, string? Address, double? Latitude, double? Longitude);
