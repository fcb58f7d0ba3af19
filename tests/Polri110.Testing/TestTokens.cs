using Polri110.ServiceDefaults.Auth;

namespace Polri110.Testing;

/// <summary>Tokens signed with the key every service under test is given.</summary>
public static class TestTokens
{
    public const string SigningKey = "polri110-tests-signing-key-not-for-production-use";

    private static readonly TokenIssuer Issuer = new(SigningKey);

    public static string For(string role, string? station = null, string? subject = null) =>
        Issuer.Issue(subject ?? (station is null ? $"{role}-test" : $"station:{station}"), role, station, TimeSpan.FromHours(1));
}
