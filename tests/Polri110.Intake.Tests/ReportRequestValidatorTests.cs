using Polri110.Intake.Reports.ReceivingReport;
using Polri110.Jurisdictions.Regions;

namespace Polri110.Intake.Tests;

public class ReportRequestValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly RegionDirectory Regions = RegionDirectory.LoadShipped();

    private static Dictionary<string, string[]> Validate(ReportRequest request) =>
        ReportRequestValidator.Validate(request, Now, Regions.Contains);

    private static ReportRequest Valid() => new(
        new CallerRequest("+6281234567890", "Budi Santoso"),
        new LocationRequest("36.71.01.1001", "Jl. Daan Mogot No. 1", -6.17, 106.63),
        "theft",
        "Motor dicuri di depan minimarket",
        Now.AddMinutes(-10));

    [Fact]
    public void A_complete_report_is_valid() => Assert.Empty(Validate(Valid()));

    [Theory]
    [InlineData("phone-number")]
    [InlineData("+62 812")]
    [InlineData("")]
    [InlineData("+6281234567890123456")]
    public void A_phone_that_is_not_a_phone_number_is_refused(string phone) =>
        Assert.Contains("caller.phone", Validate(Valid() with { Caller = new CallerRequest(phone, null) }).Keys);

    [Theory]
    [InlineData("36.71.1")]
    [InlineData("3671")]
    [InlineData("36.71.01.1001.1")]
    [InlineData("'; DROP TABLE mt_events; --")]
    public void A_malformed_region_code_is_refused(string code) =>
        Assert.Contains("location.regionCode", Validate(Valid() with { Location = new LocationRequest(code, null, null, null) }).Keys);

    [Theory]
    [InlineData(91, 106.63)]
    [InlineData(-6.17, 0)]
    [InlineData(double.NaN, 106.63)]
    public void Coordinates_outside_Indonesia_are_refused(double latitude, double longitude) =>
        Assert.NotEmpty(Validate(Valid() with { Location = new LocationRequest("36.71", null, latitude, longitude) }));

    [Theory]
    [InlineData("99")]
    [InlineData("36.99")]
    [InlineData("36.71.99.9999")]
    public void A_well_formed_code_that_names_no_region_is_refused(string code) =>
        Assert.Equal(
            $"No region of Indonesia has the code {code}.",
            Assert.Single(Validate(Valid() with { Location = new LocationRequest(code, null, null, null) })["location.regionCode"]));

    [Fact]
    public void An_unknown_category_is_refused() =>
        Assert.Contains("category", Validate(Valid() with { Category = "jaywalking-on-mars" }).Keys);

    [Fact]
    public void Control_characters_in_the_description_are_refused() =>
        Assert.Contains("description", Validate(Valid() with { Description = "a\u0000b" }).Keys);

    [Fact]
    public void A_missing_body_part_reports_every_missing_field()
    {
        var errors = Validate(new ReportRequest(null, null, null, null, null));

        Assert.Equal(["caller.phone", "category", "description"], errors.Keys.Order().ToArray());
    }

    [Theory]
    [InlineData("prank")]
    [InlineData("silent")]
    [InlineData("misdial")]
    [InlineData("abusive")]
    [InlineData("information")]
    [InlineData("Silent")]
    public void A_call_that_is_not_an_incident_needs_only_the_phone(string callType) =>
        Assert.Empty(Validate(new ReportRequest(new CallerRequest("0812-3456-7890", null), null, null, null, null, callType)));

    [Fact]
    public void An_incident_whose_caller_cannot_say_where_is_valid_without_a_region() =>
        Assert.Empty(Validate(Valid() with { Location = new LocationRequest(null, "dekat pasar", null, null) }));

    [Fact]
    public void An_incident_with_no_location_at_all_is_valid() => Assert.Empty(Validate(Valid() with { Location = null }));

    [Theory]
    [InlineData("emergency")]
    [InlineData("")]
    [InlineData("prank ")]
    public void An_unknown_call_type_is_refused(string callType) =>
        Assert.Equal(["callType"], Validate(Valid() with { CallType = callType }).Keys.ToArray());

    [Fact]
    public void What_a_non_incident_does_give_must_still_be_valid()
    {
        var errors = Validate(new ReportRequest(
            new CallerRequest("0812-3456-7890", "<b>"), new LocationRequest("36.99", null, null, null), "jaywalking", "a\u0000b", null, "prank"));

        Assert.Equal(["caller.name", "category", "description", "location.regionCode"], errors.Keys.Order().ToArray());
    }

    [Fact]
    public void An_incident_in_the_future_is_refused() =>
        Assert.Contains("occurredAt", Validate(Valid() with { OccurredAt = Now.AddHours(2) }).Keys);
}
