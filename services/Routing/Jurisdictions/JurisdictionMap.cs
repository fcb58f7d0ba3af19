using System.Text.Json;

namespace Polri110.Routing.Jurisdictions;

public sealed record PoliceUnit(string Id, string Name);

/// <summary>Who answers for a region: the Polres and the Polda it belongs to, per a given map version.</summary>
public sealed record Jurisdiction(string RegionCode, PoliceUnit Polres, PoliceUnit Polda, string MapVersion);

/// <summary>
/// The jurisdiction map: versioned data shipped with the service. A Polres covers a regency/city; its Polda
/// is stated per Polres because some cross province lines (Polda Metro Jaya covers Kota Tangerang, in Banten).
/// </summary>
public sealed class JurisdictionMap
{
    private readonly Dictionary<string, PoliceUnit> poldas;
    private readonly Dictionary<string, (PoliceUnit Polres, string PoldaId)> polresByRegency;

    private JurisdictionMap(MapFile file)
    {
        Version = file.Version;
        poldas = file.Poldas.ToDictionary(polda => polda.Id, polda => new PoliceUnit(polda.Id, polda.Name));
        polresByRegency = file.Polres.ToDictionary(polres => polres.Region, polres => (new PoliceUnit(polres.Id, polres.Name), polres.Polda));
    }

    public string Version { get; }

    public static JurisdictionMap LoadShipped()
    {
        using var stream = typeof(JurisdictionMap).Assembly.GetManifestResourceStream("jurisdictions.json")
                           ?? throw new InvalidOperationException("The jurisdiction map is not embedded in the Routing assembly.");
        var file = JsonSerializer.Deserialize<MapFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                   ?? throw new InvalidOperationException("The jurisdiction map is empty.");
        return new JurisdictionMap(file);
    }

    /// <summary>The jurisdiction for a region code at any level below the province, or null if none covers it.</summary>
    public Jurisdiction? Resolve(string regionCode)
    {
        var regency = string.Join('.', regionCode.Split('.').Take(2));
        return regency.Length == 5 && polresByRegency.TryGetValue(regency, out var entry)
            ? new Jurisdiction(regionCode, entry.Polres, poldas[entry.PoldaId], Version)
            : null;
    }

    private sealed record MapFile(string Version, List<PoldaEntry> Poldas, List<PolresEntry> Polres);

    private sealed record PoldaEntry(string Id, string Name, List<string> Provinces);

    private sealed record PolresEntry(string Id, string Name, string Region, string Polda);
}
