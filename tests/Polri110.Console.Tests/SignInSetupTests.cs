using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Polri110.Console.SignIn;
using Polri110.ServiceDefaults.Auth;

namespace Polri110.Console.Tests;

/// <summary>Which sign-in the console offers where: the one-button sign-in never outside Development.</summary>
public sealed class SignInSetupTests
{
    [Fact]
    public void Outside_development_without_an_identity_provider_the_console_refuses_to_start()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var refused = Assert.Throws<InvalidOperationException>(builder.AddConsoleSignIn);
        Assert.Contains("Authentication:OpenIdConnect:Authority", refused.Message);
    }

    [Fact]
    public async Task With_an_identity_provider_people_are_sent_to_it_to_sign_in()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Authentication:OpenIdConnect:Authority"] = "https://sso.polri.example";
        builder.Configuration["Authentication:OpenIdConnect:ClientId"] = "polri110-console";
        builder.AddConsoleSignIn();
        await using var services = builder.Services.BuildServiceProvider();

        var schemes = services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Equal("OpenIdConnect", (await schemes.GetDefaultChallengeSchemeAsync())?.Name);
        Assert.False(builder.Environment.DevelopmentSignIn());
    }

    [Fact]
    public void A_development_token_becomes_the_session_s_subject_role_station_and_service_token()
    {
        var issuer = new TokenIssuer(TokenIssuer.Authority, TokenKeys.PrivateKeyFromPem(TokenKeys.NewPrivateKeyPem(), "a test key"));
        var token = issuer.Issue("station:polres-x", "station", "polres-x", TimeSpan.FromHours(1));
        var principal = ConsoleSignIn.PrincipalFor(token);

        Assert.Equal("station:polres-x", principal.Identity?.Name);
        Assert.True(principal.IsInRole("station"));
        Assert.Equal("polres-x", principal.FindFirst(ConsoleClaims.Station)?.Value);
        Assert.Equal(token, principal.FindFirst(ConsoleClaims.ApiToken)?.Value);
    }
}
