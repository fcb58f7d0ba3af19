using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Polri110.Benchmarks.Pipeline;

/// <summary>A station desk on plain AMQP: notes when each report first reaches its queue, and tells <paramref name="arrived"/>.</summary>
public sealed class StationListener(Action<Guid, JsonElement>? arrived = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, long> firstSeen = new();
    private IConnection? connection;
    private IChannel? channel;

    public long Duplicates;

    public bool TryGetArrival(Guid reportId, out long timestamp) => firstSeen.TryGetValue(reportId, out timestamp);

    public int Seen => firstSeen.Count;

    /// <summary>Starts consuming once Dispatch has declared the queue (on its first delivery), emptied of earlier messages.</summary>
    public async Task StartAsync(Uri amqp, string queue, TimeSpan timeout)
    {
        connection = await new ConnectionFactory { Uri = amqp, ConsumerDispatchConcurrency = 1 }.CreateConnectionAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            channel = await connection.CreateChannelAsync();
            try
            {
                await channel.QueueDeclarePassiveAsync(queue);
                break;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) when (clock.Elapsed < timeout)
            {
                await channel.DisposeAsync();
                await Task.Delay(100);
            }
        }

        await channel.QueuePurgeAsync(queue);
        await channel.BasicQosAsync(0, 1000, false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var now = Stopwatch.GetTimestamp();
            using var message = JsonDocument.Parse(delivery.Body);
            var reportId = message.RootElement.GetProperty("reportId").GetGuid();
            if (!firstSeen.TryAdd(reportId, now))
            {
                Interlocked.Increment(ref Duplicates);
            }
            else
            {
                arrived?.Invoke(reportId, message.RootElement);
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
    }

    public async ValueTask DisposeAsync()
    {
        if (channel is not null)
        {
            await channel.DisposeAsync();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
