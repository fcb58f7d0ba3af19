using System.Collections.Concurrent;
using MassTransit;

namespace Polri110.Testing;

/// <summary>Counts, per message id, how often a host's consumers finished with a message (success or fault).</summary>
public sealed class ConsumeCounter : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> finished = new();

    public int Finished(Guid messageId) => finished.GetValueOrDefault(messageId);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Count(context);

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Count(context);

    private Task Count(ConsumeContext context)
    {
        if (context.MessageId is { } id)
        {
            finished.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }
}
