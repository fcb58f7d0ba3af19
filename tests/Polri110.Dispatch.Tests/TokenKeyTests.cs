using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Testing;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Dispatch.Tests;

/// <summary>Key settings that are missing or wrong stop a service at start-up, saying which and why.</summary>
public class TokenKeyTests
{
    [Fact]
    public void A_public_key_setting_holding_a_private_key_is_refused()
    {
        var refused = Assert.Throws<InvalidOperationException>(
            () => TokenKeys.PublicKeyFromPem(TokenKeys.NewPrivateKeyPem(), AuthSetup.PublicKeySetting));

        Assert.Contains("Auth:PublicKey holds a private key", refused.Message);
    }

    [Fact]
    public void A_key_of_another_curve_is_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var refused = Assert.Throws<InvalidOperationException>(
            () => TokenKeys.PublicKeyFromPem(p384.ExportSubjectPublicKeyInfoPem(), AuthSetup.PublicKeySetting));

        Assert.Contains("P-256", refused.Message);
    }

    [Theory]
    [InlineData("Auth:PublicKey")]
    [InlineData("Auth:StationSigningKey")]
    public void Dispatch_refuses_to_start_without_a_key_it_needs(string missing)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:Polri110", "Host=127.0.0.1;Database=never-reached");
            foreach (var (key, value) in TestTokens.ServiceSettings.Where(setting => setting.Key != missing))
            {
                host.UseSetting(key, value);
            }
        });

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains($"{missing} is not configured", refused.ToString());
    }
}
