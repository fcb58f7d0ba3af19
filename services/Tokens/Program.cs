using System.Text.Json;
using Polri110.ServiceDefaults.Auth;

// Issues bearer tokens signed (ES256) with the deployment's token-authority private key, read from the PEM file named by
// the environment variable POLRI110_TOKEN_KEY_FILE. The services hold only its public half (Auth:PublicKey).
//
//   polri110-tokens keygen                                                         a new P-256 private key, PEM, on standard output
//   polri110-tokens public-key                                                     the public half of the key file, PEM
//   polri110-tokens issue <role> <subject> [--station <polres-id>] [--hours <n>]   one token, on standard output
//   polri110-tokens dev-set                                                        a development token per role, as JSON
//
// e.g. POLRI110_TOKEN_KEY_FILE=.run/secrets/token-authority.key dotnet run --project services/Tokens -- issue supervisor spv-01
const string keyFileVariable = "POLRI110_TOKEN_KEY_FILE";
const string usage = $"usage: polri110-tokens keygen | {keyFileVariable}=<private-key.pem> polri110-tokens public-key | "
    + "issue <role> <subject> [--station <polres-id>] [--hours <n>] | dev-set";
if (args.Length == 0)
{
    Console.Error.WriteLine(usage);
    return 2;
}

if (args[0] == "keygen")
{
    Console.Write(TokenKeys.NewPrivateKeyPem());
    return 0;
}

var keyFile = Environment.GetEnvironmentVariable(keyFileVariable);
if (string.IsNullOrEmpty(keyFile) || !File.Exists(keyFile))
{
    Console.Error.WriteLine($"{keyFileVariable} must name the file holding the token authority's private key (PEM).");
    Console.Error.WriteLine(usage);
    return 2;
}

var keyPem = File.ReadAllText(keyFile);
if (args[0] == "public-key")
{
    Console.Write(TokenKeys.PublicPemOf(keyPem, keyFile));
    return 0;
}

var issuer = TokenIssuer.FromPem(TokenIssuer.Authority, keyPem, keyFile);
string? Option(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
var lifetime = TimeSpan.FromHours(double.TryParse(Option("--hours"), out var hours) ? hours : 12);

switch (args[0])
{
    case "issue" when args.Length >= 3 && Roles.All.Contains(args[1]):
        var station = Option("--station");
        if (args[1] == Roles.Station && station is null)
        {
            Console.Error.WriteLine("A station token needs --station <polres-id>.");
            return 2;
        }

        Console.WriteLine(issuer.Issue(args[2], args[1], station, lifetime));
        return 0;
    case "dev-set":
        const string devStation = "polres-metro-tangerang-kota";
        var tokens = new Dictionary<string, string>
        {
            [Roles.Operator] = issuer.Issue("operator-dev", Roles.Operator, null, lifetime),
            [Roles.Station] = issuer.Issue($"station:{devStation}", Roles.Station, devStation, lifetime),
            [Roles.Supervisor] = issuer.Issue("supervisor-dev", Roles.Supervisor, null, lifetime),
            [Roles.Auditor] = issuer.Issue("auditor-dev", Roles.Auditor, null, lifetime),
            [Roles.Admin] = issuer.Issue("admin-dev", Roles.Admin, null, lifetime),
            ["stationId"] = devStation,
        };
        Console.WriteLine(JsonSerializer.Serialize(tokens, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command or role. Roles: {string.Join(", ", Roles.All)}.");
        return 2;
}
