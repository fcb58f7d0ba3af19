using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Messaging;
using RabbitMQ.Client;

namespace Polri110.Dispatch.Stations;

/// <summary>
/// The edge where stations written in any language meet the system (SPEC §6): plain JSON over AMQP 0-9-1,
/// one durable quorum queue per Polres, bound to a direct exchange by the Polres id. Publishing waits for
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

    public static string QueueFor(string polresId) => $"dispatch.{polresId}";

    public Task PublishAsync(StationDispatchMessage message, CancellationToken cancellationToken) =>
        PublishAsync(message.PolresId, message.MessageId, message, cancellationToken);

    public Task PublishAsync(StationWithdrawalMessage message, CancellationToken cancellationToken) =>
        PublishAsync(message.PolresId, message.MessageId, message, cancellationToken);

    private async Task PublishAsync<TMessage>(string polresId, string messageId, TMessage message, CancellationToken cancellationToken)
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

        var open = await ReadyChannelAsync(polresId, cancellationToken);
        try
        {
            // Outside the gate: the channel tracks confirmations, so many deliveries wait for theirs at once.
            await open.BasicPublishAsync(Exchange, polresId, mandatory: true, properties, body, cancellationToken);
        }
        catch
        {
            await WithGateAsync(ResetAsync, cancellationToken);
            throw;
        }
    }

    /// <summary>Makes sure a station's queue exists before its desk first connects.</summary>
    public Task EnsureStationQueueAsync(string polresId, CancellationToken cancellationToken) => ReadyChannelAsync(polresId, cancellationToken);

    private async Task<IChannel> ReadyChannelAsync(string polresId, CancellationToken cancellationToken)
    {
        if (channel is { IsOpen: true } ready && declaredQueues.ContainsKey(polresId))
        {
            return ready;
        }

        IChannel? result = null;
        await WithGateAsync(async () =>
        {
            try
            {
                result = await OpenChannelAsync(cancellationToken);
                if (!declaredQueues.ContainsKey(polresId))
                {
                    await DeclareStationQueueAsync(result, polresId, cancellationToken);
                    declaredQueues[polresId] = true;
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
    private static async Task DeclareStationQueueAsync(IChannel channel, string polresId, CancellationToken cancellationToken)
    {
        await channel.QueueDeclareAsync(
            QueueFor(polresId), durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" },
            cancellationToken: cancellationToken);
        await channel.QueueBindAsync(QueueFor(polresId), Exchange, polresId, cancellationToken: cancellationToken);
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
