using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Polri110.ServiceDefaults.Auth;

public static class AuthSetup
{
    internal static void AddPolri110Auth(this WebApplicationBuilder builder)
    {
        var issuer = TokenIssuer.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(issuer);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TokenIssuer.Issuer,
                    ValidAudience = TokenIssuer.Audience,
                    IssuerSigningKey = issuer.Key,
                    NameClaimType = Roles.SubjectClaim,
                    RoleClaimType = Roles.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorization();
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
}
