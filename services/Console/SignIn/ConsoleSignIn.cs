using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Polri110.ServiceDefaults.Auth;

namespace Polri110.Console.SignIn;

/// <summary>
/// How people sign in. In production: OpenID Connect against the deployment's identity provider (section
/// "Authentication:OpenIdConnect": Authority, ClientId, ClientSecret, RoleClaim), whose access token the console
/// then sends to the services. In Development only: /signin offers one button per role, signing in with the tokens
/// ./run.sh wrote ("Console:DevTokensFile"). Either way the session is an HttpOnly, SameSite=Lax cookie, Secure over HTTPS.
/// </summary>
public static class ConsoleSignIn
{
    public static bool DevelopmentSignIn(this IHostEnvironment environment) => environment.IsDevelopment();

    public static void AddConsoleSignIn(this WebApplicationBuilder builder)
    {
        var oidc = builder.Configuration.GetSection("Authentication:OpenIdConnect");
        var useOidc = !string.IsNullOrEmpty(oidc["Authority"]);
        if (!useOidc && !builder.Environment.DevelopmentSignIn())
        {
            throw new InvalidOperationException(
                "Authentication:OpenIdConnect:Authority is not configured: outside Development the console signs people in only "
                + "through OpenID Connect.");
        }

        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = useOidc
                ? OpenIdConnectDefaults.AuthenticationScheme
                : CookieAuthenticationDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(cookie =>
        {
            cookie.Cookie.Name = "polri110.console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/signin";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
        });
        if (useOidc)
        {
            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = oidc["Authority"];
                options.ClientId = oidc["ClientId"];
                options.ClientSecret = oidc["ClientSecret"];
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SaveTokens = false;
                options.MapInboundClaims = false;
                options.Scope.Add(oidc["ApiScope"] ?? "polri110");
                options.TokenValidationParameters.NameClaimType = oidc["NameClaim"] ?? "name";
                options.TokenValidationParameters.RoleClaimType = oidc["RoleClaim"] ?? Roles.RoleClaim;
                options.Events.OnTokenValidated = context =>
                {
                    // The services authorise every call by the person's own access token: keep it in the session.
                    if (context.TokenEndpointResponse?.AccessToken is { } accessToken
                        && context.Principal?.Identity is ClaimsIdentity identity)
                    {
                        identity.AddClaim(new Claim(ConsoleClaims.ApiToken, accessToken));
                    }

                    return Task.CompletedTask;
                };
            });
        }

        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
    }

    public static void MapConsoleSignIn(this WebApplication app)
    {
        if (app.Environment.DevelopmentSignIn())
        {
            app.MapPost("/signin", SignInForDevelopment).WithMetadata(new RequireAntiforgeryTokenAttribute()).AllowAnonymous();
        }

        if (!string.IsNullOrEmpty(app.Configuration["Authentication:OpenIdConnect:Authority"]))
        {
            app.MapGet("/signin/oidc", (string? returnUrl) => Results.Challenge(
                    new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" },
                    [OpenIdConnectDefaults.AuthenticationScheme]))
                .AllowAnonymous();
        }

        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    private static async Task<IResult> SignInForDevelopment(
        [FromForm] string role, [FromForm] string? returnUrl, HttpContext http, DevelopmentTokens tokens)
    {
        if (!Roles.All.Contains(role) || await tokens.ForRoleAsync(role) is not { } token)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"No development token for role '{role}'.");
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, PrincipalFor(token));
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : PageFor(role));
    }

    /// <summary>
    /// Who a token names: its subject, role and station become the session's claims, and it is kept to call the services.
    /// </summary>
    public static ClaimsPrincipal PrincipalFor(string token)
    {
        var jwt = new JsonWebTokenHandler().ReadJsonWebToken(token);
        var claims = new List<Claim> { new(ConsoleClaims.ApiToken, token) };
        claims.AddRange(jwt.Claims.Where(claim => claim.Type is Roles.SubjectClaim or Roles.RoleClaim or Roles.StationClaim)
            .Select(claim => new Claim(claim.Type, claim.Value)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "polri110", Roles.SubjectClaim, Roles.RoleClaim));
    }

    /// <summary>The page each role works in.</summary>
    public static string PageFor(string role) => role switch
    {
        Roles.Operator => "/operator",
        Roles.Station => "/station",
        Roles.Supervisor => "/supervisor",
        Roles.Auditor => "/supervisor",
        Roles.Admin => "/admin",
        _ => "/",
    };

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\");
}
