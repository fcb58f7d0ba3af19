using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Polri110.ServiceDefaults.Auth;

public static class AuthSetup
{
    /// <summary>PEM of the deployment's token authority's public key: every service checks tokens with it.</summary>
    public const string PublicKeySetting = "Auth:PublicKey";

    /// <summary>PEM of Dispatch's own private key for the station tokens it issues (Dispatch only).</summary>
    public const string StationSigningKeySetting = "Auth:StationSigningKey";

    internal static void AddPolri110Auth(this WebApplicationBuilder builder, ServiceDescription service)
    {
        // Each issuer's tokens are checked with that issuer's key alone: Dispatch's station key cannot vouch for a
        // token that claims to come from the authority.
        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal)
        {
            [TokenIssuer.Authority] = TokenKeys.PublicKeyFromPem(Required(builder.Configuration, PublicKeySetting,
                "every service needs the public key of the deployment's token authority (PEM, P-256; see the Tokens tool's keygen)."),
                PublicKeySetting),
        };
        if (service.IssuesStationTokens)
        {
            var stations = TokenIssuer.FromPem(TokenIssuer.Stations, Required(builder.Configuration, StationSigningKeySetting,
                "Dispatch signs the station tokens it issues with a P-256 private key (PEM) of its own, not the authority's."),
                StationSigningKeySetting);
            builder.Services.AddSingleton(stations);
            keys[TokenIssuer.Stations] = stations.PublicKey;
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuers = keys.Keys,
                    ValidAudience = TokenIssuer.Audience,
                    ValidAlgorithms = [TokenKeys.Algorithm],
                    IssuerSigningKeyResolver = (_, token, _, _) => keys.TryGetValue(token.Issuer ?? "", out var key) ? [key] : [],
                    TryAllIssuerSigningKeys = false,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    NameClaimType = Roles.SubjectClaim,
                    RoleClaimType = Roles.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents { OnTokenValidated = TokenRules.CheckAsync };
            });
        // An endpoint that says nothing about access needs a valid token: public ones say AllowAnonymous.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    /// <summary>Only tokens with one of these roles may call the endpoint: 401 without a token, 403 with another role.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder endpoint, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy.RequireRole(roles));

    /// <summary>
    /// A station token may act only for its own Polres, named by the route's {polresId}: 403 for any other,
    /// as for any other role.
    /// </summary>
    public static TBuilder RequireOwnStation<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy
            .RequireRole(Roles.Station)
            .RequireAssertion(context =>
                context.Resource is HttpContext http
                && http.Request.RouteValues.TryGetValue("polresId", out var polresId)
                && context.User.HasClaim(Roles.StationClaim, polresId?.ToString() ?? "")));

    private static string Required(IConfiguration configuration, string setting, string why) =>
        configuration[setting] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{setting} is not configured: {why}");
}
