using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Polri110.ServiceDefaults.Auth;

namespace Polri110.Testing;

/// <summary>Tokens every service must refuse (401), however well-formed: each breaks one rule of <see cref="TokenIssuer"/>'s.</summary>
public static class ForgedTokens
{
    /// <summary>Symmetric, as the shared key every service once held: whoever had it could mint any role.</summary>
    public const string OldSharedKey = "polri110-tests-signing-key-not-for-production-use";

    public static string SignedWithAnotherKey(string role, string? station = null) =>
        new TokenIssuer(TokenIssuer.Authority, TokenKeys.PrivateKeyFromPem(TokenKeys.NewPrivateKeyPem(), "another key"))
            .Issue($"{role}-forged", role, station, TimeSpan.FromHours(1));

    public static string Unsigned(string role) => Create(role, signing: null);

    public static string Hs256(string role) => Create(role, new SigningCredentials(
        new SymmetricSecurityKey(Encoding.UTF8.GetBytes(OldSharedKey)), SecurityAlgorithms.HmacSha256));

    public static string Expired(string role, string? station = null) =>
        TestTokens.Authority.Issue($"{role}-expired", role, station, TimeSpan.FromMinutes(-5));

    public static string WithoutSubject(string role) =>
        Create(role, new SigningCredentials(TestTokens.AuthorityKey, TokenKeys.Algorithm), subject: null);

    /// <summary>Dispatch's station key vouching for something other than a station token.</summary>
    public static string FromStationIssuer(string role) => TestTokens.Stations.Issue($"{role}-forged", role, null, TimeSpan.FromHours(1));

    /// <summary>Every kind above, named, for one role: theory data.</summary>
    public static IEnumerable<(string Kind, string Token)> All(string role) =>
    [
        ("signed with another key", SignedWithAnotherKey(role)),
        ("alg none", Unsigned(role)),
        ("HS256 with the old shared key", Hs256(role)),
        ("expired", Expired(role)),
        ("without sub", WithoutSubject(role)),
        ("from Dispatch's station issuer", FromStationIssuer(role)),
    ];

    private static string Create(string role, SigningCredentials? signing, string? subject = "forged")
    {
        var claims = new List<Claim> { new(Roles.RoleClaim, role) };
        if (subject is not null)
        {
            claims.Add(new Claim(Roles.SubjectClaim, subject));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenIssuer.Authority,
            Audience = TokenIssuer.Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = signing,
        });
    }
}
