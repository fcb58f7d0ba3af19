using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>
/// The running system to drive, as ./run.sh describes it in .run/endpoints.env and .run/tokens.json. PostgreSQL as the
/// store's owner (the raw commit baseline makes a table of its own), RabbitMQ as its administrator.
/// </summary>
public sealed record BenchEnvironment(
    string Postgres, Uri Amqp, Uri Intake, Uri Dispatch, Uri Tracking, string OperatorToken, string AuditorToken, string StationToken,
    string Station, string Management)
{
    public static BenchEnvironment FromRunDirectory(string directory)
    {
        var values = File.ReadAllLines(Path.Combine(directory, "endpoints.env"))
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''));
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(directory, "tokens.json")))!;
        return new BenchEnvironment(
            values["POLRI110_PG_OWNER"], new Uri(values["POLRI110_AMQP"]), new Uri(values["POLRI110_INTAKE"]), new Uri(values["POLRI110_DISPATCH"]),
            new Uri(values["POLRI110_TRACKING"]), tokens["operator"], tokens["auditor"], tokens["station"], tokens["stationId"],
            new UriBuilder(values["POLRI110_AMQP_MANAGEMENT"]) { UserName = "", Password = "" }.Uri.ToString());
    }

    /// <summary>An HTTP client for RabbitMQ's management API, signed in as the broker's administrator (the AMQP user).</summary>
    public HttpClient ManagementClient() => new()
    {
        BaseAddress = new Uri(Management),
        DefaultRequestHeaders =
        {
            Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(Amqp.UserInfo)))),
        },
    };
}
