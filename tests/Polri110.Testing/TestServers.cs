using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace Polri110.Testing;

/// <summary>
/// One test database and the roles that reach it, as a deployment has them: the owner applies the schema (migrate), the
/// services read and write rows, auditors read, and the superuser (tests only) can do what no service can.
/// </summary>
public sealed record TestDatabase(string Name, string AsSuperuser, string AsOwner, string AsService, string AsAuditor);

/// <summary>
/// The throwaway PostgreSQL and RabbitMQ that ./test.sh starts and describes in environment variables.
/// Each test fixture takes its own database and its own virtual host, so fixtures never see each other's data.
/// </summary>
public static class TestServers
{
    /// <summary>The services' broker users and the management user Dispatch is given (deploy/rabbitmq/service-permissions.tsv).</summary>
    public const string StationsUser = "polri110-stations";

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException($"{name} is not set: run the tests through ./test.sh, which starts the servers they need.");

    /// <summary>Connection string to the test PostgreSQL server as its superuser (no database chosen).</summary>
    public static string PostgresServer => Required("POLRI110_TEST_PG");

    /// <summary>amqp:// URI of the test RabbitMQ node as its administrator, without a virtual host.</summary>
    public static Uri BrokerServer => new(Required("POLRI110_TEST_AMQP"));

    public static Uri BrokerManagement => new(Required("POLRI110_TEST_RABBIT_MANAGEMENT"));

    /// <summary>The management API with the administrator's credentials in the URI.</summary>
    public static Uri BrokerManagementWithCredentials => WithCredentials(BrokerManagement, BrokerServer.UserInfo);

    /// <summary>The management API as Dispatch is given it: the user that manages station users and nothing else.</summary>
    public static Uri BrokerManagementForStations => WithCredentials(BrokerManagement, $"{StationsUser}:{Secret($"amqp-{StationsUser}")}");

    /// <summary>A password ./test.sh generated (the file's name without .password), e.g. "pg-polri110_service".</summary>
    public static string Secret(string name) =>
        File.ReadAllText(Path.Combine(Required("POLRI110_TEST_SECRETS"), $"{name}.password")).Trim();

    public static async Task<TestDatabase> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(PostgresServer))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} OWNER polri110_owner", connection);
            await create.ExecuteNonQueryAsync();
        }

        string As(string role) => new NpgsqlConnectionStringBuilder(PostgresServer)
        {
            Database = name, Username = role, Password = Secret($"pg-{role}"),
        }.ConnectionString;
        return new TestDatabase(
            name, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString,
            As("polri110_owner"), As("polri110_service"), As("polri110_auditor"));
    }

    /// <summary>
    /// Creates a virtual host that the administrator may use freely and each service's user as
    /// deploy/rabbitmq/service-permissions.tsv allows, and returns the amqp:// URI (as the administrator) that selects it.
    /// </summary>
    public static async Task<string> CreateVirtualHostAsync(string prefix)
    {
        var vhost = $"{prefix}-{Guid.NewGuid():N}";
        var broker = BrokerServer;
        using var http = ManagementClient(BrokerManagement, broker.UserInfo);
        (await http.PutAsync($"/api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        var everything = new BrokerPermission(Uri.UnescapeDataString(broker.UserInfo.Split(':')[0]), ".*", ".*", ".*");
        foreach (var permission in BrokerPermission.OfServices().Prepend(everything))
        {
            var body = JsonContent.Create(new { configure = permission.Configure, write = permission.Write, read = permission.Read });
            (await http.PutAsync($"/api/permissions/{vhost}/{Uri.EscapeDataString(permission.User)}", body)).EnsureSuccessStatusCode();
        }

        return new UriBuilder(broker) { Path = "/" + Uri.EscapeDataString(vhost) }.Uri.ToString();
    }

    /// <summary>A client of a RabbitMQ management API, signed in as <paramref name="userInfo"/> ("user:password", URI-escaped).</summary>
    public static HttpClient ManagementClient(Uri management, string userInfo) => new()
    {
        BaseAddress = new UriBuilder(management) { UserName = "", Password = "" }.Uri,
        DefaultRequestHeaders =
        {
            Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(userInfo)))),
        },
    };

    /// <summary>The same virtual host as <paramref name="amqpUri"/>, as the given broker user (e.g. "polri110-intake").</summary>
    public static string AmqpUriAs(string amqpUri, string user) =>
        new UriBuilder(amqpUri) { UserName = user, Password = Secret($"amqp-{user}") }.Uri.ToString();

    private static Uri WithCredentials(Uri uri, string userInfo) => new UriBuilder(uri)
    {
        UserName = Uri.UnescapeDataString(userInfo.Split(':')[0]),
        Password = Uri.UnescapeDataString(userInfo.Split(':')[1]),
    }.Uri;
}

/// <summary>One line of deploy/rabbitmq/service-permissions.tsv: what a service's broker user may do.</summary>
public sealed record BrokerPermission(string User, string Configure, string Write, string Read)
{
    public static IReadOnlyList<BrokerPermission> OfServices() =>
        File.ReadLines(Path.Combine(TestPaths.RepositoryRoot(), "deploy", "rabbitmq", "service-permissions.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(fields => new BrokerPermission(fields[0], fields[2], fields[3], fields[4]))
            .ToList();
}
