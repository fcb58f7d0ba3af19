using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Polri110.Testing;

namespace Polri110.Intake.Tests;

/// <summary>Intake with a pool of four connections, which a test can take all of.</summary>
public sealed class SmallPoolIntakeHost : ServiceHost<Program>
{
    public const int PoolSize = 4;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["EventStore:MaxPoolSize"] = PoolSize.ToString(),
    };
}

/// <summary>
/// Readiness says whether the database answers, not whether the instance's pool has a connection free: after a database
/// failover every instance's pool was taken by POSTs catching up, each instance's check waited in that queue and failed,
/// and HAProxy took every instance out at once.
/// </summary>
public class ReadinessTests(SmallPoolIntakeHost intake) : IClassFixture<SmallPoolIntakeHost>
{
    [Fact]
    public async Task Given_every_connection_of_the_services_pool_taken_When_asked_whether_it_is_ready_Then_it_is()
    {
        await Eventually.TrueAsync(
            async () => (await intake.Anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "Intake ready");
        var pool = intake.Services.GetRequiredService<NpgsqlDataSource>();
        var taken = new List<NpgsqlConnection>();
        try
        {
            // Whatever the daemon and the bus hold now, take the rest until none comes within 2 s.
            while (await TryOpenAsync(pool) is { } connection)
            {
                taken.Add(connection);
                Assert.True(taken.Count <= SmallPoolIntakeHost.PoolSize, $"{taken.Count} connections from a pool of {SmallPoolIntakeHost.PoolSize}");
            }

            using var answered = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var ready = await intake.Anonymous.GetAsync("/health/ready", answered.Token);

            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        finally
        {
            foreach (var connection in taken)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<NpgsqlConnection?> TryOpenAsync(NpgsqlDataSource pool)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            return await pool.OpenConnectionAsync(wait.Token);
        }
        catch (Exception e) when (e is OperationCanceledException || e.InnerException is TimeoutException)
        {
            return null;
        }
    }
}
