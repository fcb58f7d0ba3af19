using JasperFx;
using Marten;
using Marten.Exceptions;
using Polly;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// The one way to change a document that every instance of a service may change at the same moment (a counter they
/// share): load it, let a pure function decide its next state, write it only if nobody wrote it meanwhile, or else
/// decide again on the fresh state. The document type must be registered with <c>UseOptimisticConcurrency(true)</c>;
/// two first writers race on the insert, and the loser decides again on the winner's document.
/// </summary>
public sealed class SharedDocuments(IDocumentStore store)
{
    private static readonly ResiliencePipeline Retry = ConcurrencyRetry.Handling(new PredicateBuilder()
        .Handle<ConcurrencyException>()
        .Handle<DocumentAlreadyExistsException>());

    /// <param name="decide">From the stored document (null if none), the document to write (null to write nothing) and the answer.</param>
    /// <exception cref="ConcurrencyException">Still losing the race after the retries.</exception>
    public ValueTask<TResult> ChangeAsync<TDocument, TResult>(
        string id, Func<TDocument?, (TDocument? Next, TResult Result)> decide, CancellationToken cancellationToken)
        where TDocument : class =>
        Retry.ExecuteAsync(async token =>
        {
            await using var session = store.LightweightSession();
            var current = await session.LoadAsync<TDocument>(id, token);
            var (next, result) = decide(current);
            if (next is null)
            {
                return result;
            }

            if (current is null)
            {
                session.Insert(next);
            }
            else
            {
                session.Update(next);
            }

            await session.SaveChangesAsync(token);
            return result;
        }, cancellationToken);
}
