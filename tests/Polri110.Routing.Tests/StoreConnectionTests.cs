using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Polri110.Testing;

namespace Polri110.Routing.Tests;

/// <summary>The service's PostgreSQL connections, as the database server sees them.</summary>
public class StoreConnectionTests(ServiceHost<Program> routing) : IClassFixture<ServiceHost<Program>>
{
    [Fact]
    public async Task Each_connection_names_its_service_to_the_server()
    {
        // The services share one database role: only the name each connection gives tells them apart in pg_stat_activity.
        await using var connection = await routing.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()", connection);

        Assert.Equal("polri110-routing", await command.ExecuteScalarAsync());
    }
}
