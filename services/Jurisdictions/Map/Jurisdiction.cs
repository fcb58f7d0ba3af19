namespace Polri110.Jurisdictions.Map;

/// <summary>A police unit: a Polda, Polres or Polsek. <paramref name="NameIsReal"/> is false for generated placeholder names.</summary>
public sealed record PoliceUnit(string Id, string Name, bool NameIsReal);

/// <summary>
/// Who answers for a region under one version of the map. <see cref="Polres"/> is null for a province-wide
/// code (no single Polres answers for a whole province); <see cref="Polsek"/> is known from the district down.
/// </summary>
public sealed record Jurisdiction(string RegionCode, PoliceUnit Polda, PoliceUnit? Polres, PoliceUnit? Polsek, string MapVersion);
