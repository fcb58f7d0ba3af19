using System.Text.Json;
using Polri110.ServiceDefaults.Auth;

// Issues bearer tokens signed with the deployment's key (environment variable POLRI110_SIGNING_KEY).
//
//   polri110-tokens issue <role> <subject> [--station <polres-id>] [--hours <n>]   one token, on standard output
//   polri110-tokens dev-set                                                        a development token per role, as JSON
//
// e.g. dotnet run --project services/Tokens -- issue supervisor spv-jakarta-01 --hours 12
var key = Environment.GetEnvironmentVariable("POLRI110_SIGNING_KEY");
if (string.IsNullOrEmpty(key) || args.Length == 0)
{
    Console.Error.WriteLine("usage: POLRI110_SIGNING_KEY=<key> polri110-tokens issue <role> <subject> [--station <polres-id>] [--hours <n>] | dev-set");
    return 2;
}

var issuer = new TokenIssuer(key);
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
