using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using Polly;
using Polri110.ServiceDefaults.Observability;
using Polly.Retry;

namespace Polri110.ServiceDefaults.Messaging;

/// <summary>
/// The event store is the outbox: this Marten subscription, run by the async daemon (one leader per service),
/// publishes this service's committed events to the bus. The daemon records progress only after a page is
/// published, so an event is published only after its commit and every committed event is eventually published,
/// even if the process dies in between (then some are published twice: consumers are idempotent).
/// Each publishing is a span in the trace of the request or message that appended the event (its traceparent is
/// stored in the event's headers), so one trace follows a report through the store and the bus.
/// </summary>
public sealed class CommittedEventPublisher(IBus bus, ReportMetrics metrics, ILogger<CommittedEventPublisher> logger) : SubscriptionBase
{
    // A broker outage must hold the events back, never skip them: retry until it is back.
    private readonly ResiliencePipeline untilPublished = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException || e is TimeoutException),
            MaxRetryAttempts = int.MaxValue,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = retry =>
            {
                logger.LogWarning(retry.Outcome.Exception, "Publishing committed events failed (attempt {Attempt}); retrying", retry.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(TimeSpan.FromSeconds(10))
        .Build();

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await untilPublished.ExecuteAsync(
            async token => await Task.WhenAll(page.Events.Select(committed => PublishAsync(committed, token))),
            cancellationToken);
        foreach (var committed in page.Events)
        {
            metrics.Published(committed);
        }

        return NullChangeListener.Instance;
    }

    private async Task PublishAsync(IEvent committed, CancellationToken cancellationToken)
    {
        // Current only within this method: MassTransit's send span becomes its child and carries the trace on.
        using var publishing = ReportTracing.StartPublishing(committed);
        await bus.Publish(committed.Data, committed.EventType, message =>
        {
            message.MessageId = committed.Id;
            message.Headers.Set(EventHeaders.CorrelationId, committed.CorrelationId);
            message.Headers.Set(EventHeaders.StreamVersion, committed.Version);
            message.Headers.Set(EventHeaders.Sequence, committed.Sequence);
            message.Headers.Set(EventHeaders.CommittedAt, committed.Timestamp.ToString("O"));
        }, cancellationToken);
    }
}
