using Polly;
using Polly.Retry;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// How a write that lost an optimistic-concurrency race runs again on the fresh state: a few quick tries, spread
/// apart by jitter so that instances racing for the same row do not collide again in step.
/// </summary>
internal static class ConcurrencyRetry
{
    public static ResiliencePipeline Handling(PredicateBuilder<object> conflicts) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = conflicts,
            MaxRetryAttempts = 6,
            Delay = TimeSpan.FromMilliseconds(20),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}
