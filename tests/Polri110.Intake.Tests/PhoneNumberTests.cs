using Polri110.ServiceDefaults.Privacy;

namespace Polri110.Intake.Tests;

public class PhoneNumberTests
{
    [Theory]
    // Mobile numbers, however they are typed, are one caller.
    [InlineData("0812-3456-7890", "+6281234567890")]
    [InlineData("081234567890", "+6281234567890")]
    [InlineData("6281234567890", "+6281234567890")]
    [InlineData("+6281234567890", "+6281234567890")]
    [InlineData("+62 812 3456 7890", "+6281234567890")]
    [InlineData("+62 (0)812-3456-7890", "+6281234567890")]
    [InlineData("0062 812 3456 7890", "+6281234567890")]
    [InlineData("812 3456 7890", "+6281234567890")]
    [InlineData("  0812.3456.7890  ", "+6281234567890")]
    // Landlines keep their area code.
    [InlineData("(021) 555-1234", "+62215551234")]
    [InlineData("021 5551234", "+62215551234")]
    [InlineData("+62 21 555 1234", "+62215551234")]
    [InlineData("(0274) 512345", "+62274512345")]
    // Foreign numbers keep their country code.
    [InlineData("+1 (202) 555-0123", "+12025550123")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    // Short service and emergency numbers stay as dialled.
    [InlineData("112", "112")]
    [InlineData("110", "110")]
    [InlineData("14045", "14045")]
    public void A_number_is_normalised_to_E164(string typed, string expected)
    {
        Assert.True(PhoneNumbers.TryNormalise(typed, out var normalised));
        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("phone-number")]
    [InlineData("0812-3456-789O")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("+")]
    [InlineData("+62")]
    [InlineData("+62 812")]
    [InlineData("0812")]
    [InlineData("12")]
    [InlineData("+0812345678")]
    [InlineData("1234567")]
    [InlineData("+6281234567890123456")]
    [InlineData("081234567890123")]
    [InlineData("0812+3456")]
    [InlineData("0812_3456_7890")]
    public void What_is_not_a_phone_number_is_refused(string? typed) =>
        Assert.False(PhoneNumbers.TryNormalise(typed, out _));
}
