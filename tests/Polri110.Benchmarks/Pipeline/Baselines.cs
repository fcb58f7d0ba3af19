using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>What the same servers do with no Polri 110 in between: the ceilings the pipeline is compared with.</summary>
public static class Baselines
{
    /// <summary>Persistent messages to a durable queue, each awaited until the broker confirms it, 64 in flight.</summary>
    public static async Task<double> RabbitPublishesPerSecondAsync(Uri amqp, TimeSpan duration)
    {
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        const string queue = "polri110.benchmark.baseline";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        var body = new byte[800];
        var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/json" };
        long published = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                await channel.BasicPublishAsync("", queue, mandatory: false, properties, body);
                Interlocked.Increment(ref published);
            }
        }));
        var rate = published / clock.Elapsed.TotalSeconds;
        await channel.QueueDeleteAsync(queue);
        return rate;
    }

    /// <summary>Single-row INSERTs, each its own committed transaction, from 16 connections.</summary>
    public static async Task<double> PostgresCommitsPerSecondAsync(string connectionString, TimeSpan duration)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand(
                         "CREATE TABLE IF NOT EXISTS polri110_benchmark_baseline (id uuid PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())"))
        {
            await create.ExecuteNonQueryAsync();
        }

        long committed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            while (clock.Elapsed < duration)
            {
                await using var insert = new NpgsqlCommand("INSERT INTO polri110_benchmark_baseline (id, body) VALUES ($1, $2::jsonb)", connection);
                insert.Parameters.AddWithValue(Guid.NewGuid());
                insert.Parameters.AddWithValue("""{"description":"baseline row of about the size of a report event"}""");
                await insert.ExecuteNonQueryAsync();
                Interlocked.Increment(ref committed);
            }
        }));
        var rate = committed / clock.Elapsed.TotalSeconds;
        await using var drop = dataSource.CreateCommand("DROP TABLE polri110_benchmark_baseline");
        await drop.ExecuteNonQueryAsync();
        return rate;
    }
}
