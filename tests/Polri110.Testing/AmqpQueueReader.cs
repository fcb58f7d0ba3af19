using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Polri110.Testing;

/// <summary>Reads queues the way a station would: plain AMQP 0-9-1, no MassTransit.</summary>
public sealed class AmqpQueueReader(string amqpUri) : IAsyncDisposable
{
    private IConnection? connection;
    private IChannel? channel;

    /// <summary>Takes every message now in the queue; none while Dispatch has not yet declared it.</summary>
    public async Task<List<JsonElement>> DrainAsync(string queue)
    {
        var messages = new List<JsonElement>();
        if (!await QueueExistsAsync(queue))
        {
            return messages;
        }

        var open = await ChannelAsync();
        try
        {
            while (await open.BasicGetAsync(queue, autoAck: true) is { } delivery)
            {
                if (delivery.BasicProperties.ContentType != "application/json")
                {
                    throw new InvalidDataException($"A station message must be plain JSON, not {delivery.BasicProperties.ContentType}.");
                }

                messages.Add(JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span)).RootElement.Clone());
            }
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyText.Contains("noproc") == true)
        {
            // A quorum queue just declared (or re-declared after a restart) whose replica is still starting: nothing
            // more to read yet; the caller asks again.
            await ResetAsync();
        }

        return messages;
    }

    /// <summary>Messages ready in a queue (0 if it does not exist yet).</summary>
    public async Task<uint> CountAsync(string queue)
    {
        try
        {
            return (await (await ChannelAsync()).QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            await ResetAsync();
            return 0;
        }
    }

    public async Task<bool> QueueExistsAsync(string queue)
    {
        try
        {
            await (await ChannelAsync()).QueueDeclarePassiveAsync(queue);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            await ResetAsync();
            return false;
        }
    }

    private async Task<IChannel> ChannelAsync()
    {
        connection ??= await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        channel ??= await connection.CreateChannelAsync();
        return channel;
    }

    private async Task ResetAsync()
    {
        if (channel is not null)
        {
            await channel.DisposeAsync();
            channel = null;
        }
    }

    /// <summary>Closes the connection; the reader connects again on its next use.</summary>
    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }
}
