using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

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

    /// <summary>
    /// The broker's part of one hop between services, with nothing in between: persistent messages through a quorum
    /// queue (what every consumer queue and station queue here is), published with confirms and consumed by one consumer
    /// (prefetch 256). At full speed (<paramref name="perSecond"/> null: 256 publishes in flight, every 64th delivery
    /// acknowledged with <c>multiple</c>) it is the broker at its cheapest; paced, each delivery acknowledged on its own
    /// as MassTransit's consumers do, it is the broker at the pipeline's own rate. Returns deliveries per second and the
    /// CPU milliseconds per delivery of RabbitMQ and of this process (both clients), read from /proc around it.
    /// </summary>
    public static async Task<QuorumHop> QuorumHopAsync(Uri amqp, TimeSpan duration, int? perSecond = null)
    {
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        await using var publishing = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await using var consuming = await connection.CreateChannelAsync();
        const string queue = "polri110.benchmark.quorum-hop";
        await publishing.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await consuming.BasicQosAsync(0, 256, false);

        var acknowledgeEvery = perSecond is null ? 64 : 1;
        long delivered = 0;
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            if (Interlocked.Increment(ref delivered) % acknowledgeEvery == 0)
            {
                await consuming.BasicAckAsync(delivery.DeliveryTag, multiple: acknowledgeEvery > 1);
            }
        };
        await consuming.BasicConsumeAsync(queue, autoAck: false, consumer);

        var body = new byte[800];
        var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/json" };
        var cpuBefore = CpuMeter.Read();
        var clock = Stopwatch.StartNew();
        if (perSecond is { } rate)
        {
            // Paced: each millisecond, the publishes now due; then until the last one has been delivered.
            var confirms = new List<Task>();
            while (clock.Elapsed < duration)
            {
                for (var due = (int)(clock.Elapsed.TotalSeconds * rate); confirms.Count < due;)
                {
                    confirms.Add(publishing.BasicPublishAsync("", queue, mandatory: false, properties, body).AsTask());
                }

                await Task.Delay(TimeSpan.FromMilliseconds(1));
            }

            await Task.WhenAll(confirms);
            var deadline = Stopwatch.StartNew();
            while (Interlocked.Read(ref delivered) < confirms.Count && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10));
            }
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, 256).Select(async _ =>
            {
                while (clock.Elapsed < duration)
                {
                    await publishing.BasicPublishAsync("", queue, mandatory: false, properties, body);
                }
            }));
        }

        var count = Interlocked.Read(ref delivered);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = CpuMeter.PerReport(cpuBefore, CpuMeter.Read(), (int)count);
        await publishing.QueueDeleteAsync(queue);
        return new QuorumHop(count / seconds, cpu.GetValueOrDefault(CpuMeter.Broker), cpu.GetValueOrDefault(CpuMeter.LoadGenerator));
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

/// <summary>
/// Deliveries per second through one quorum queue, and the CPU milliseconds each cost the broker and its clients (this
/// process; paced, that includes the pacing loop's wake-ups every millisecond).
/// </summary>
public sealed record QuorumHop(double DeliveriesPerSecond, double BrokerMilliseconds, double ClientsMilliseconds);
