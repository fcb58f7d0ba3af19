using Polri110.Jurisdictions.Map;
using Polri110.Jurisdictions.Regions;

namespace Polri110.Routing.Tests;

public class JurisdictionMapTests
{
    private static readonly RegionDirectory Regions = RegionDirectory.LoadShipped();
    private static readonly JurisdictionMap Map = JurisdictionMap.LoadShipped();
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Fact]
    public void The_vendored_regions_are_complete()
    {
        Assert.Equal(38, Regions.CountOf(RegionLevel.Province));
        Assert.Equal(514, Regions.CountOf(RegionLevel.Regency));
        Assert.Equal(7_285, Regions.CountOf(RegionLevel.District));
        Assert.Equal(83_762, Regions.CountOf(RegionLevel.Village));
    }

    [Fact]
    public void Every_village_resolves_to_exactly_one_Polres_one_Polda_and_a_Polsek_of_that_Polres()
    {
        var villages = Regions.All.Where(region => region.Level == RegionLevel.Village).ToList();
        var unresolved = villages.Where(village => Map.Resolve(village.Code, Today) is not { Polres: not null, Polsek: not null }).Select(v => v.Code).ToList();

        Assert.Equal(83_762, villages.Count);
        Assert.Empty(unresolved);
    }

    [Fact]
    public void Every_province_has_a_Polda_even_without_one_of_its_own()
    {
        Assert.All(Regions.All.Where(region => region.Level == RegionLevel.Province), province => Assert.NotNull(Map.Resolve(province.Code, Today)));
        Assert.Equal("polda-papua", Map.Resolve("93", Today)?.Polda.Id); // Papua Selatan, served by Polda Papua
    }

    [Theory]
    [InlineData("31.71.01", "polda-metro-jaya")]   // DKI Jakarta
    [InlineData("32.75.01", "polda-metro-jaya")]   // Kota Bekasi, in Jawa Barat
    [InlineData("32.16.01", "polda-metro-jaya")]   // Kab. Bekasi
    [InlineData("32.76.01", "polda-metro-jaya")]   // Kota Depok
    [InlineData("36.71.01", "polda-metro-jaya")]   // Kota Tangerang, in Banten
    [InlineData("36.74.01", "polda-metro-jaya")]   // Kota Tangerang Selatan
    [InlineData("36.03.01", "polda-banten")]       // Kab. Tangerang
    [InlineData("32.73.01", "polda-jawa-barat")]   // Kota Bandung
    public void Polda_Metro_Jaya_reaches_beyond_Jakarta_but_not_into_Kabupaten_Tangerang(string district, string polda) =>
        Assert.Equal(polda, Map.Resolve(district, Today)?.Polda.Id);

    [Fact]
    public void Kabupaten_Tangerang_belongs_to_Polresta_Tangerang() => Assert.Equal("polresta-tangerang", Map.Resolve("36.03", Today)?.Polres?.Id);

    [Fact]
    public void A_whole_province_has_a_Polda_but_no_single_Polres() =>
        Assert.Equal(("polda-banten", (string?)null), Map.Resolve("36", Today) is { } j ? (j.Polda.Id, j.Polres?.Id) : default);

    [Fact]
    public void An_unknown_province_resolves_to_nothing() => Assert.Null(Map.Resolve("99.01", Today));

    [Fact]
    public void The_most_specific_valid_entry_wins_and_expired_entries_are_ignored()
    {
        var map = JurisdictionMap.Parse("""
            {
              "version": "test-1",
              "poldas": [ { "id": "polda-a", "name": "Polda A", "provinces": ["36"], "validFrom": "2020-01-01" } ],
              "polres": [
                { "id": "polres-regency", "name": "Polres Regency", "type": "Polres", "regions": ["36.03"], "polda": "polda-a", "nameIsReal": true, "validFrom": "2020-01-01" },
                { "id": "polres-district", "name": "Polres District", "type": "Polres", "regions": ["36.03.05"], "polda": "polda-a", "nameIsReal": true, "validFrom": "2020-01-01" },
                { "id": "polres-expired", "name": "Polres Expired", "type": "Polres", "regions": ["36.03.06"], "polda": "polda-a", "nameIsReal": true, "validFrom": "2020-01-01", "validTo": "2025-12-31" },
                { "id": "polres-village", "name": "Polres Village", "type": "Polres", "regions": ["36.03.05.2001"], "polda": "polda-a", "nameIsReal": true, "validFrom": "2020-01-01" }
              ],
              "polsek": []
            }
            """);

        Assert.Equal("polres-regency", map.Resolve("36.03.01", Today)?.Polres?.Id);
        Assert.Equal("polres-district", map.Resolve("36.03.05.2002", Today)?.Polres?.Id);
        Assert.Equal("polres-village", map.Resolve("36.03.05.2001", Today)?.Polres?.Id);
        Assert.Equal("polres-regency", map.Resolve("36.03.06", Today)?.Polres?.Id);
        Assert.Equal("polres-expired", map.Resolve("36.03.06", new DateOnly(2025, 6, 1))?.Polres?.Id);
        Assert.Equal("test-1", map.Resolve("36.03.01", Today)?.MapVersion);
    }

    [Fact]
    public void Searching_tangerang_finds_the_regency_the_cities_and_their_districts()
    {
        var found = Regions.Search("tangerang", 50);

        Assert.Contains(found, match => match is { Code: "36.03", Level: RegionLevel.Regency });
        Assert.Contains(found, match => match is { Code: "36.71", Level: RegionLevel.Regency });
        Assert.Contains(found, match => match is { Code: "36.74", Level: RegionLevel.Regency });
        Assert.Contains(found, match => match.Level == RegionLevel.District && match.Code.StartsWith("36.71."));
        Assert.Equal("Banten › Kota Tangerang", found.Single(match => match.Code == "36.71").Path);
        Assert.True(found.TakeWhile(match => match.Level == RegionLevel.Regency).Count() >= 3, "broader regions come first");
    }

    [Fact]
    public void Search_ignores_case_accents_and_punctuation() =>
        Assert.Equal(Regions.Search("kota  TANGERANG", 5).Select(m => m.Code), Regions.Search("Kota-Tangerang", 5).Select(m => m.Code));

    [Fact]
    public void A_village_is_found_by_its_code_with_its_name_level_and_every_region_above_it()
    {
        var village = Regions.Find("36.71.01.1001");

        Assert.True(Regions.Contains("36.71.01.1001"));
        Assert.Equal(new Region("36.71.01.1001", "Sukarasa", RegionLevel.Village, "36.71.01"), village);
        Assert.Equal(["36", "36.71", "36.71.01", "36.71.01.1001"], Regions.Lineage(village!).Select(region => region.Code));
        Assert.Equal("Kota Tangerang", Regions.Lineage(village!)[1].Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("36.")]
    [InlineData("36.7")]
    [InlineData("36.71.01.100")]
    [InlineData("36.71.01.10011")]
    [InlineData("36.71.01.1001 ")]
    [InlineData("36.71\n")]
    [InlineData("36..71")]
    [InlineData("36.71.0a")]
    [InlineData("36.71.01.1001.1")]
    [InlineData("99")]
    [InlineData("36.71.01.9999")]
    public void A_code_of_another_shape_or_unknown_finds_no_region(string code)
    {
        Assert.Null(Regions.Find(code));
        Assert.False(Regions.Contains(code));
    }

    [Fact]
    public void Every_region_below_a_province_lies_in_a_region_of_the_level_above() =>
        Assert.All(Regions.All.Where(region => region.ParentCode is not null),
            region => Assert.Equal(region.Level - 1, Regions.Find(region.ParentCode!)?.Level));

    [Fact]
    public void A_search_finds_names_where_the_text_starts_a_word_broader_regions_first_then_names_that_only_contain_it()
    {
        var wordStarts = Regions.Search("aru", 12);
        var inside = Regions.Search("rungkeke", 5);

        Assert.Equal(("81.07", RegionLevel.Regency), (wordStarts[0].Code, wordStarts[0].Level)); // Kabupaten Kepulauan Aru
        Assert.All(wordStarts, match =>
            Assert.Contains(match.Name.Split(' ', '-'), word => word.StartsWith("Aru", StringComparison.Ordinal)));
        Assert.Contains(inside, match => match is { Code: "73.04.09", Name: "Arungkeke" });
    }
}
