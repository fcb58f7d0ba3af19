using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

namespace Polri110.ServiceDefaults.Auth;

/// <summary>
/// The current generation of each station's credentials, where station tokens are accepted with it (Dispatch):
/// read from the store on every request, so a rotation revokes the old token at once on every instance.
/// </summary>
public interface IStationCredentialGenerations
{
    Task<int> CurrentAsync(string stationId, CancellationToken cancellationToken);
}

/// <summary>What a validly signed token must also say, or it is refused (401).</summary>
internal static class TokenRules
{
    public static async Task CheckAsync(TokenValidatedContext context)
    {
        var user = context.Principal!;
        if (user.FindFirst(Roles.SubjectClaim)?.Value is not { Length: > 0 })
        {
            // Every recorded action names who acted: a token that names nobody is no one's.
            context.Fail("The token names no subject (sub).");
            return;
        }

        var roles = user.FindAll(Roles.RoleClaim).Select(claim => claim.Value).ToList();
        var stations = user.FindAll(Roles.StationClaim).Select(claim => claim.Value).ToList();
        if (context.SecurityToken.Issuer == TokenIssuer.Stations && (roles is not [Roles.Station] || stations.Count != 1))
        {
            context.Fail("Dispatch's station-signing key vouches for station tokens of one station only.");
            return;
        }

        if (roles.Contains(Roles.Station)
            && context.HttpContext.RequestServices.GetService<IStationCredentialGenerations>() is { } generations)
        {
            if (stations is not [var station])
            {
                context.Fail("A station token names exactly one station.");
                return;
            }

            var generation = int.TryParse(user.FindFirst(Roles.GenerationClaim)?.Value, out var value) ? value : 0;
            if (generation != await generations.CurrentAsync(station, context.HttpContext.RequestAborted))
            {
                context.Fail($"The credentials of {station} were issued again since this token: it is revoked.");
            }
        }
    }
}
