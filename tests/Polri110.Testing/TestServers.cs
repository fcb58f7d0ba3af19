using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace Polri110.Testing;

/// <summary>
/// The throwaway PostgreSQL and RabbitMQ that ./test.sh starts and describes in environment variables.
/// Each test fixture takes its own database and its own virtual host, so fixtures never see each other's data.
/// </summary>
public static class TestServers
{
    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException($"{name} is not set: run the tests through ./test.sh, which starts the servers they need.");

    /// <summary>Connection string to the test PostgreSQL server (no database chosen).</summary>
    public static string PostgresServer => Required("POLRI110_TEST_PG");

    /// <summary>amqp:// URI of the test RabbitMQ node, without a virtual host.</summary>
    public static Uri BrokerServer => new(Required("POLRI110_TEST_AMQP"));

    public static Uri BrokerManagement => new(Required("POLRI110_TEST_RABBIT_MANAGEMENT"));

    /// <summary>The management API with the broker's administrator credentials in the URI, as services are configured.</summary>
    public static Uri BrokerManagementWithCredentials => new UriBuilder(BrokerManagement)
    {
        UserName = BrokerServer.UserInfo.Split(':')[0],
        Password = BrokerServer.UserInfo.Split(':')[1],
    }.Uri;

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
    }

    /// <summary>Creates a virtual host the default user may use, and returns the amqp:// URI that selects it.</summary>
    public static async Task<string> CreateVirtualHostAsync(string prefix)
    {
        var vhost = $"{prefix}-{Guid.NewGuid():N}";
        var broker = BrokerServer;
        var credentials = broker.UserInfo.Split(':');
        using var http = new HttpClient { BaseAddress = BrokerManagement };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(broker.UserInfo)));
        (await http.PutAsync($"/api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await http.PutAsync($"/api/permissions/{vhost}/{Uri.EscapeDataString(credentials[0])}", permissions)).EnsureSuccessStatusCode();
        return new UriBuilder(broker) { Path = "/" + Uri.EscapeDataString(vhost) }.Uri.ToString();
    }
}
