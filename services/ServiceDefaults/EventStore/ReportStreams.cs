using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Services;
using Polly;
using Polri110.ServiceDefaults.Observability;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// The one way to change a report: fetch its stream for writing, let a pure decider choose the events,
/// append them with optimistic concurrency, commit. A concurrent writer makes the whole step run again
/// on the fresh state, so deciders always see the latest history. A new report's stream is started instead.
/// A commit of its own wakes the service's daemon (<see cref="OwnAppendWakeup"/>).
/// </summary>
public sealed class ReportStreams(IDocumentStore store, OwnAppendWakeup wakeup)
{
    private static readonly ResiliencePipeline Retry = ConcurrencyRetry.Handling(new PredicateBuilder()
        .Handle<ConcurrencyException>()
        .Handle<EventStreamUnexpectedMaxEventIdException>());

    /// <param name="storeAlongside">Documents to commit in the same transaction as the events (e.g. idempotency records).</param>
    public async Task<Decision> DecideAsync<TState>(
        Guid reportId,
        CommandContext context,
        Func<TState?, Decision> decide,
        Action<IDocumentSession, Decision>? storeAlongside = null,
        CancellationToken cancellationToken = default)
        where TState : class =>
        // No report has the empty id (Marten refuses it as a stream id): decide on no history, which refuses the command.
        reportId == Guid.Empty ? decide(null) : await Retry.ExecuteAsync(async token =>
        {
            ReportTracing.TagReport(reportId);
            await using var session = store.LightweightSession();
            context.ApplyTo(session);
            var stream = await session.Events.FetchForWriting<TState>(reportId, token);
            var decision = decide(stream.Aggregate);
            if (decision.Events.Count == 0)
            {
                return decision;
            }

            stream.AppendMany(decision.Events);
            storeAlongside?.Invoke(session, decision);
            await session.SaveChangesAsync(token);
            wakeup.Pulse();
            return decision;
        }, cancellationToken);

    /// <summary>
    /// <see cref="DecideAsync{TState}"/> in a transaction that <paramref name="group"/> shares with whatever else is queued
    /// (a consumer's messages in flight): a burst of them is decided and committed in a few transactions. The decision's
    /// events are appended through the batch's one session, written when every piece has decided
    /// (<see cref="GroupTransaction"/>), each stamped with its own message's context. Nothing is retried here: a conflict
    /// fails the batch, whose pieces then run alone, and a piece that still conflicts fails its message, which the
    /// consumer's retry takes on with the fresh state.
    /// </summary>
    public Task<Decision> DecideTogetherAsync<TState>(
        GroupCommit group, Guid reportId, CommandContext context, Func<TState?, Decision> decide)
        where TState : class =>
        // No report has the empty id: decided on no history, which refuses the command.
        reportId == Guid.Empty ? Task.FromResult(decide(null)) : group.RunAsync(async (shared, token) =>
        {
            ReportTracing.TagReport(reportId);
            var stream = await shared.Session.Events.FetchForWriting<TState>(reportId, token);
            var decision = decide(stream.Aggregate);
            if (decision.Events.Count > 0)
            {
                stream.AppendMany(decision.Events);
                context.StampOn(stream.Events);
            }

            return new GroupStep<Decision>(decision);
        }, appendsTo: reportId);

    /// <summary>
    /// Starts a new report's stream from a decision taken on no history: nothing to read first (one round trip
    /// less on the operator's path); the store refuses a stream id that already exists.
    /// </summary>
    public async Task<Decision> StartAsync<TState>(
        Guid reportId,
        CommandContext context,
        Decision decision,
        Action<IDocumentSession, Decision>? storeAlongside = null,
        CancellationToken cancellationToken = default)
        where TState : class
    {
        if (decision.Events.Count == 0)
        {
            return decision;
        }

        ReportTracing.TagReport(reportId);
        await using var session = store.LightweightSession();
        context.ApplyTo(session);
        session.Events.StartStream<TState>(reportId, decision.Events.ToArray());
        storeAlongside?.Invoke(session, decision);
        await session.SaveChangesAsync(cancellationToken);
        wakeup.Pulse();
        return decision;
    }

    /// <summary>A report's current state as one service sees it, or null if the report does not exist.</summary>
    public async Task<TState?> ReadAsync<TState>(Guid reportId, CancellationToken cancellationToken = default)
        where TState : class
    {
        if (reportId == Guid.Empty)
        {
            return null;
        }

        await using var session = store.QuerySession();
        return await session.Events.AggregateStreamAsync<TState>(reportId, token: cancellationToken);
    }
}
