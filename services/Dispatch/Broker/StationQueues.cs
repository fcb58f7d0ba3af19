using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Messaging;
using RabbitMQ.Client;

namespace Polri110.Dispatch.Broker;

/// <summary>
/// The edge where stations written in any language meet the system (SPEC §6): plain JSON over AMQP 0-9-1,
/// one durable quorum queue per station (Polres, or Polsek for the second hop), bound to a direct exchange by its id. Publishing waits for
/// the broker's confirm, so a returned call means the message is safely queued.
/// </summary>
public sealed class StationQueues(IConfiguration configuration) : IAsyncDisposable
{
    public const string Exchange = "polri110.dispatch";
    public const string MessageType = "polri110.station-dispatch.v1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> declaredQueues = new();
    private IConnection? connection;
    private IChannel? channel;

    public static string QueueFor(string stationId) => $"dispatch.{stationId}";

    /// <param name="stationId">The Polres (or, for <c>report.assigned</c>, the Polsek) whose queue gets it.</param>
    public Task PublishAsync(string stationId, StationDispatchMessage message, CancellationToken cancellationToken) =>
        PublishAsync(stationId, message.MessageId, message, cancellationToken);

    public Task PublishAsync(StationWithdrawalMessage message, CancellationToken cancellationToken) =>
        PublishAsync(message.PolresId, message.MessageId, message, cancellationToken);

    public Task PublishAsync(StationCallerAddedMessage message, CancellationToken cancellationToken) =>
        PublishAsync(message.PolresId, message.MessageId, message, cancellationToken);

    private async Task PublishAsync<TMessage>(string stationId, string messageId, TMessage message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = messageId,
            Type = MessageType,
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        };

        var open = await ReadyChannelAsync(stationId, cancellationToken);
        try
        {
            // Outside the gate: the channel tracks confirmations, so many deliveries wait for theirs at once.
            await open.BasicPublishAsync(Exchange, stationId, mandatory: true, properties, body, cancellationToken);
        }
        catch
        {
            await WithGateAsync(ResetAsync, cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// Opens the connection and channel (and declares the exchange) if they are not open. Dispatch's readiness check
    /// calls it, so a restarted Dispatch has them before it takes its first message: opened by the first delivery,
    /// they cost the backlog after kill -9 0.5-2.8 s.
    /// </summary>
    public Task EnsureOpenAsync(CancellationToken cancellationToken) => ReadyChannelAsync(stationId: null, cancellationToken);

    /// <summary>Makes sure a station's queue exists before its desk first connects.</summary>
    public Task EnsureStationQueueAsync(string stationId, CancellationToken cancellationToken) => ReadyChannelAsync(stationId, cancellationToken);

    /// <param name="stationId">Whose queue must exist too; null for the channel alone.</param>
    private async Task<IChannel> ReadyChannelAsync(string? stationId, CancellationToken cancellationToken)
    {
        if (channel is { IsOpen: true } ready && (stationId is null || declaredQueues.ContainsKey(stationId)))
        {
            return ready;
        }

        IChannel? result = null;
        await WithGateAsync(async () =>
        {
            try
            {
                result = await OpenChannelAsync(cancellationToken);
                if (stationId is not null && !declaredQueues.ContainsKey(stationId))
                {
                    await DeclareStationQueueAsync(result, stationId, cancellationToken);
                    declaredQueues[stationId] = true;
                }
            }
            catch
            {
                await ResetAsync();
                throw;
            }
        }, cancellationToken);
        return result!;
    }

    private async Task WithGateAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await action();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Creates the station's queue and binding; idempotent.</summary>
    private static async Task DeclareStationQueueAsync(IChannel channel, string stationId, CancellationToken cancellationToken)
    {
        await channel.QueueDeclareAsync(
            QueueFor(stationId), durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" },
            cancellationToken: cancellationToken);
        await channel.QueueBindAsync(QueueFor(stationId), Exchange, stationId, cancellationToken: cancellationToken);
    }

    private async Task<IChannel> OpenChannelAsync(CancellationToken cancellationToken)
    {
        if (channel is { IsOpen: true })
        {
            return channel;
        }

        await ResetAsync();
        var factory = new ConnectionFactory
        {
            Uri = new Uri(configuration.BusConnectionString()),
            ClientProvidedName = "polri110-dispatch-stations",
        };
        connection = await factory.CreateConnectionAsync(cancellationToken);
        channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        declaredQueues.Clear();
        return channel;
    }

    private async Task ResetAsync()
    {
        if (channel is not null)
        {
            await channel.DisposeAsync();
            channel = null;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        gate.Dispose();
    }
}
