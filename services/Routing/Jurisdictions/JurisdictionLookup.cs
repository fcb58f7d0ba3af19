using Polri110.Jurisdictions.Map;
using Polri110.Jurisdictions.Regions;

namespace Polri110.Routing.Jurisdictions;

/// <summary>What Routing asks of the map: who answers for a region code today, and under which map version.</summary>
public sealed class JurisdictionLookup(RegionDirectory regions, JurisdictionMap map, TimeProvider clock)
{
    public string MapVersion => map.Version;

    /// <summary>Null when the code names no region of Indonesia; a jurisdiction without a Polres for a whole province.</summary>
    public Jurisdiction? Resolve(string regionCode) =>
        regions.Contains(regionCode)
            ? map.Resolve(regionCode, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            : null;
}
