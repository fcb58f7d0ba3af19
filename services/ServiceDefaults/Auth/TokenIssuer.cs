using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Polri110.ServiceDefaults.Auth;

/// <summary>
/// Signs bearer tokens (ES256). Only issuers hold one: the Tokens tool signs as the deployment's authority
/// (<see cref="Authority"/>, whose public key every service is given as "Auth:PublicKey"); Dispatch signs the station
/// tokens it hands out with its own key (<see cref="Stations"/>), which vouches for station tokens at Dispatch only.
/// </summary>
public sealed class TokenIssuer(string name, ECDsaSecurityKey signingKey)
{
    /// <summary>The deployment's token authority: every role.</summary>
    public const string Authority = "polri110";

    /// <summary>Dispatch, for the station credentials an admin issues: role station only, accepted by Dispatch only.</summary>
    public const string Stations = "polri110-stations";

    public const string Audience = "polri110";

    public string Name => name;

    /// <summary>What checks this issuer's tokens.</summary>
    public ECDsaSecurityKey PublicKey { get; } = TokenKeys.PublicHalf(signingKey);

    /// <param name="source">Where the PEM came from (a setting's name), for the error message.</param>
    public static TokenIssuer FromPem(string name, string privateKeyPem, string source) =>
        new(name, TokenKeys.PrivateKeyFromPem(privateKeyPem, source));

    /// <param name="generation">For a station token: which issuing of the station's credentials it belongs to.</param>
    public string Issue(string subject, string role, string? station, TimeSpan lifetime, int? generation = null)
    {
        var claims = new List<Claim> { new(Roles.SubjectClaim, subject), new(Roles.RoleClaim, role) };
        if (station is not null)
        {
            claims.Add(new Claim(Roles.StationClaim, station));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = name,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Claims = generation is { } value ? new Dictionary<string, object> { [Roles.GenerationClaim] = value } : null,
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(signingKey, TokenKeys.Algorithm),
        });
    }
}
