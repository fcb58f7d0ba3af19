using Microsoft.IdentityModel.Tokens;
using Polri110.ServiceDefaults.Auth;

namespace Polri110.Testing;

/// <summary>
/// The keys every service under test is given, made afresh for each test run (no key lives in the repository), and
/// tokens signed with them.
/// </summary>
public static class TestTokens
{
    private static readonly string AuthorityPrivateKey = TokenKeys.NewPrivateKeyPem();

    /// <summary>The test deployment's token authority, as the Tokens tool signs.</summary>
    public static TokenIssuer Authority { get; } =
        TokenIssuer.FromPem(TokenIssuer.Authority, AuthorityPrivateKey, "the tests' authority key");

    /// <summary>The authority's private key, for tokens no issuer would sign (e.g. without a subject).</summary>
    public static ECDsaSecurityKey AuthorityKey { get; } = TokenKeys.PrivateKeyFromPem(AuthorityPrivateKey, "the tests' authority key");

    /// <summary>Dispatch's station-signing key under test (PEM), which Dispatch is given as Auth:StationSigningKey.</summary>
    public static string StationSigningKey { get; } = TokenKeys.NewPrivateKeyPem();

    /// <summary>Signs as Dispatch signs the station tokens it issues.</summary>
    public static TokenIssuer Stations { get; } = TokenIssuer.FromPem(TokenIssuer.Stations, StationSigningKey, "the tests' station key");

    /// <summary>The keys of the service under test; Dispatch uses the station key, the others ignore it.</summary>
    public static IReadOnlyDictionary<string, string> ServiceSettings { get; } = new Dictionary<string, string>
    {
        [AuthSetup.PublicKeySetting] = TokenKeys.PublicPemOf(AuthorityPrivateKey, "the tests' authority key"),
        [AuthSetup.StationSigningKeySetting] = StationSigningKey,
        ["Privacy:CallerKey"] = "polri110-tests-caller-key-not-for-production-use",
        ["Tracking:LookupKey"] = "polri110-tests-lookup-key-not-for-production-use",
    };

    /// <summary>The same keys as environment variables, for a service started as a process.</summary>
    public static IReadOnlyDictionary<string, string> ServiceEnvironment { get; } =
        ServiceSettings.ToDictionary(setting => setting.Key.Replace(":", "__"), setting => setting.Value);

    public static string For(string role, string? station = null, string? subject = null) =>
        Authority.Issue(subject ?? (station is null ? $"{role}-test" : $"station:{station}"), role, station, TimeSpan.FromHours(1));
}
