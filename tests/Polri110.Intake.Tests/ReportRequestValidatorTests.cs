using Polri110.Intake.Reports.ReceivingReport;

namespace Polri110.Intake.Tests;

public class ReportRequestValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    private static ReportRequest Valid() => new(
        new CallerRequest("+6281234567890", "Budi Santoso"),
        new LocationRequest("36.71.01.1001", "Jl. Daan Mogot No. 1", -6.17, 106.63),
        "theft",
        "Motor dicuri di depan minimarket",
        Now.AddMinutes(-10));

    [Fact]
    public void A_complete_report_is_valid() => Assert.Empty(ReportRequestValidator.Validate(Valid(), Now));

    [Theory]
    [InlineData("phone-number")]
    [InlineData("+62 812")]
    [InlineData("")]
    [InlineData("+6281234567890123456")]
    public void A_phone_that_is_not_digits_is_refused(string phone) =>
        Assert.Contains("caller.phone", ReportRequestValidator.Validate(Valid() with { Caller = new CallerRequest(phone, null) }, Now).Keys);

    [Theory]
    [InlineData("36.71.1")]
    [InlineData("3671")]
    [InlineData("36.71.01.1001.1")]
    [InlineData("'; DROP TABLE mt_events; --")]
    public void A_malformed_region_code_is_refused(string code) =>
        Assert.Contains("location.regionCode", ReportRequestValidator.Validate(Valid() with { Location = new LocationRequest(code, null, null, null) }, Now).Keys);

    [Theory]
    [InlineData(91, 106.63)]
    [InlineData(-6.17, 0)]
    [InlineData(double.NaN, 106.63)]
    public void Coordinates_outside_Indonesia_are_refused(double latitude, double longitude) =>
        Assert.NotEmpty(ReportRequestValidator.Validate(Valid() with { Location = new LocationRequest("36.71", null, latitude, longitude) }, Now));

    [Fact]
    public void An_unknown_category_is_refused() =>
        Assert.Contains("category", ReportRequestValidator.Validate(Valid() with { Category = "jaywalking-on-mars" }, Now).Keys);

    [Fact]
    public void Control_characters_in_the_description_are_refused() =>
        Assert.Contains("description", ReportRequestValidator.Validate(Valid() with { Description = "a\u0000b" }, Now).Keys);

    [Fact]
    public void A_missing_body_part_reports_every_missing_field()
    {
        var errors = ReportRequestValidator.Validate(new ReportRequest(null, null, null, null, null), Now);

        Assert.Equal(["caller.phone", "category", "description", "location.regionCode"], errors.Keys.Order().ToArray());
    }

    [Fact]
    public void An_incident_in_the_future_is_refused() =>
        Assert.Contains("occurredAt", ReportRequestValidator.Validate(Valid() with { OccurredAt = Now.AddHours(2) }, Now).Keys);
}
