using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Polri110.ServiceDefaults.Auth;

/// <summary>
/// The keys tokens are signed with: ECDSA P-256 (ES256), as PEM text. Asymmetric, so that a service that checks tokens
/// holds only public keys and cannot mint one: only the token issuers hold private keys.
/// </summary>
public static class TokenKeys
{
    /// <summary>The one algorithm a token may be signed with; every other one (none, HS256, RS256…) is refused.</summary>
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>A new private key, PKCS#8 PEM.</summary>
    public static string NewPrivateKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>The public half of a private key, SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY").</summary>
    public static string PublicPemOf(string privateKeyPem, string source) =>
        PrivateKeyFromPem(privateKeyPem, source).ECDsa.ExportSubjectPublicKeyInfoPem();

    /// <param name="source">Where the PEM came from (a setting's name), for the error message.</param>
    public static ECDsaSecurityKey PrivateKeyFromPem(string pem, string source)
    {
        var key = Import(pem, source);
        if (!pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{source} must be a P-256 private key (PEM), not a public key.");
        }

        return new ECDsaSecurityKey(key);
    }

    /// <param name="source">Where the PEM came from (a setting's name), for the error message.</param>
    public static ECDsaSecurityKey PublicKeyFromPem(string pem, string source)
    {
        // A private key here would work, but would put the power to mint tokens where only checking them is needed.
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{source} holds a private key: give it only the public key (BEGIN PUBLIC KEY).");
        }

        return new ECDsaSecurityKey(Import(pem, source));
    }

    /// <summary>The public half of a key, for checking what it signed.</summary>
    public static ECDsaSecurityKey PublicHalf(ECDsaSecurityKey key) =>
        new(ECDsa.Create(key.ECDsa.ExportParameters(includePrivateParameters: false)));

    private static ECDsa Import(string pem, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new InvalidOperationException($"{source} is not an EC key in PEM form: {e.Message}", e);
        }

        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (curve.Oid?.Value != P256Oid && curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
        {
            key.Dispose();
            throw new InvalidOperationException($"{source} must be a P-256 (prime256v1) key for ES256.");
        }

        return key;
    }
}
