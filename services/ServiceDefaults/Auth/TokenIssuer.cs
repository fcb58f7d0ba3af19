using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Polri110.ServiceDefaults.Auth;

/// <summary>
/// Signs and describes the bearer tokens every service accepts. One symmetric key (configuration
/// "Auth:SigningKey", at least 32 bytes) is shared by the services of one deployment; ./run.sh makes one per machine.
/// </summary>
public sealed class TokenIssuer(string signingKey)
{
    public const string Issuer = "polri110";
    public const string Audience = "polri110";

    public SymmetricSecurityKey Key { get; } = KeyFrom(signingKey);

    public static TokenIssuer FromConfiguration(IConfiguration configuration) =>
        new(configuration["Auth:SigningKey"] ?? throw new InvalidOperationException(
            "Auth:SigningKey is not configured: every service of a deployment needs the same key of at least 32 characters."));

    public string Issue(string subject, string role, string? station, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new(Roles.SubjectClaim, subject), new(Roles.RoleClaim, role) };
        if (station is not null)
        {
            claims.Add(new Claim(Roles.StationClaim, station));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static SymmetricSecurityKey KeyFrom(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        return bytes.Length >= 32
            ? new SymmetricSecurityKey(bytes)
            : throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters.");
    }
}
