using MassTransit;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.ServiceDefaults.Messaging;

/// <summary>How every consumer's failures are retried before a message is given up on (moved to its _error queue).</summary>
public static class MessageRetries
{
    /// <summary>
    /// A message that fails is retried in place, <paramref name="retryLimit"/> times 100 ms to 5 s apart; one that still
    /// fails lands in its _error queue and blocks nothing behind it. Inside that: while PostgreSQL cannot be reached the
    /// message is not at fault, so those tries do not count. It waits, at most <paramref name="outageInterval"/> between
    /// tries, until the database is back however long that takes, rather than end in _error after the six tries' ~15 s
    /// (issue 13's note: a 12 s failover came close, a longer outage left thousands there). Stopping the service ends
    /// the wait and leaves the message on its queue for the next instance.
    /// </summary>
    public static void UseReportRetries(this IConsumePipeConfigurator endpoint, int retryLimit, TimeSpan outageInterval)
    {
        if (retryLimit > 0)
        {
            endpoint.UseMessageRetry(retry => retry.Exponential(
                retryLimit,
                minInterval: TimeSpan.FromMilliseconds(100),
                maxInterval: TimeSpan.FromSeconds(5),
                intervalDelta: TimeSpan.FromMilliseconds(200)));
        }

        // Inside the first: a retry filter that finds an outer one already retrying leaves every failure to it, so the
        // one for outages must be the inner one, the first to see a failure, and it keeps only those it handles.
        endpoint.UseMessageRetry(retry =>
        {
            retry.Handle<Exception>(StoreOutage.IsCause);
            var first = TimeSpan.FromMilliseconds(Math.Min(200, outageInterval.TotalMilliseconds));
            retry.Exponential(int.MaxValue, minInterval: first, maxInterval: outageInterval, intervalDelta: first);
        });
    }
}
