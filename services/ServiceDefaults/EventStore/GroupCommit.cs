using System.Diagnostics;
using System.Threading.Channels;
using Marten;
using Marten.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// What one piece of work did inside a shared transaction: its result, and what must happen after every piece of the
/// batch ran and before the commit (e.g. publishing a station message that the commit records as delivered). Pieces
/// with the same <paramref name="OrderKey"/> (e.g. one report's station messages) do that one after the other, in the
/// order they were queued; the others at once.
/// </summary>
public sealed record GroupStep<T>(T Result, Func<CancellationToken, Task>? BeforeCommit = null, object? OrderKey = null);

/// <summary>
/// The transaction a batch's pieces share, and the one Marten session on it that they write through (events appended,
/// documents stored). The session writes once, after every piece of the batch has read and decided and before any
/// piece's <see cref="GroupStep{T}.BeforeCommit"/>: the whole batch's writes in one round trip. An append takes numbers
/// from the one event sequence, and every service's daemon holds its high water mark before a number whose transaction
/// is still open. Written as each piece decided, the first number was taken at the start of a batch of up to 64
/// read-decide-append steps and held every daemon until the batch committed (Routing's batches were open up to 4.4 s
/// after kill -9 of all four services); now it is taken at the batch's end.
/// </summary>
public sealed class GroupTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentStore? store)
    : IAsyncDisposable
{
    private IDocumentSession? session;

    public NpgsqlConnection Connection => connection;

    public NpgsqlTransaction Transaction => transaction;

    /// <summary>
    /// Written when every piece has run: a piece reads through it what is committed, not what another piece of the batch
    /// appended (<see cref="GroupCommit.RunAsync{T}"/> keeps a stream to one piece a batch). It stamps no metadata of its own:
    /// each piece stamps its events with its own (<see cref="CommandContext.StampOn"/>).
    /// </summary>
    public IDocumentSession Session => session ??= (store ?? throw new InvalidOperationException(
        "This group commit was made without a document store.")).LightweightSession(SessionOptions.ForTransaction(transaction));

    internal Task SaveAsync(CancellationToken cancellationToken) =>
        session?.SaveChangesAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }
    }
}

/// <summary>
/// Group commit: the work of concurrent callers (a consumer's messages in flight, up to the prefetch) shares one
/// PostgreSQL transaction, so a burst of N reports costs one BEGIN, one COMMIT and one WAL flush instead of N of each.
/// Nobody waits for a batch to fill: work queued while a batch runs forms the next one, so a lone message runs at
/// once, alone. Each caller still gets its own outcome: when anything in a batch fails (a constraint, a conflict, a
/// poison message), the transaction is rolled back and every piece runs again alone, in its own transaction, so only
/// the faulty one fails (and its message alone goes to retry and the _error queue).
/// The work must be safe to run again after a rollback: it writes only in the transaction it is given. And it must let
/// every database error through: one caught inside would leave the shared transaction aborted, and its commit a rollback.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    private readonly NpgsqlDataSource database;
    private readonly IDocumentStore? store;
    private readonly ILogger<GroupCommit> logger;
    private readonly int maxBatch;
    private readonly Channel<IPending> pending = Channel.CreateUnbounded<IPending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task[] committers;
    private readonly OwnAppendWakeup? wakeup;

    /// <summary>
    /// <c>EventStore:GroupCommit:Committers</c> batches in flight at once, each on a connection of its own (4), of at most
    /// <c>EventStore:GroupCommit:MaxBatch</c> pieces (64). After every batch with a piece that appends to a stream the
    /// service's daemon is woken (<paramref name="wakeup"/>): what was committed may hold events. Pieces append events
    /// through <paramref name="store"/> (<see cref="GroupTransaction.Session"/>).
    /// </summary>
    public GroupCommit(
        NpgsqlDataSource database,
        IConfiguration configuration,
        ILogger<GroupCommit> logger,
        OwnAppendWakeup? wakeup = null,
        IDocumentStore? store = null)
    {
        this.database = database;
        this.store = store;
        this.logger = logger;
        this.wakeup = wakeup;
        maxBatch = Math.Max(1, configuration.GetValue("EventStore:GroupCommit:MaxBatch", 64));
        committers = Enumerable.Range(0, Math.Max(1, configuration.GetValue("EventStore:GroupCommit:Committers", 4)))
            .Select(_ => Task.Run(CommitBatchesAsync)).ToArray();
    }

    /// <summary>Runs <paramref name="work"/> in a transaction shared with whatever else is queued, and returns its result once committed.</summary>
    /// <param name="appendsTo">
    /// The stream <paramref name="work"/> appends to through <see cref="GroupTransaction.Session"/>: a batch takes one piece
    /// per stream, and a second waits for the next batch, since it would decide without the first one's events.
    /// </param>
    public Task<T> RunAsync<T>(Func<GroupTransaction, CancellationToken, Task<GroupStep<T>>> work, Guid? appendsTo = null)
    {
        var item = new Pending<T>(work, appendsTo);
        if (!pending.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(GroupCommit));
        }

        return item.Outcome.Task;
    }

    private async Task CommitBatchesAsync()
    {
        var batch = new List<IPending>(maxBatch);
        var streams = new HashSet<Guid>();
        IPending? carried = null; // the second piece for a stream: first in the next batch
        try
        {
            while (carried is not null || await pending.Reader.WaitToReadAsync(stopping.Token))
            {
                batch.Clear();
                streams.Clear();
                if (carried is not null)
                {
                    batch.Add(carried);
                    Take(carried);
                    carried = null;
                }

                while (batch.Count < maxBatch && pending.Reader.TryRead(out var item))
                {
                    if (!Take(item))
                    {
                        carried = item;
                        break;
                    }

                    batch.Add(item);
                }

                if (batch.Count == 0)
                {
                    continue; // another committer woke for the same work and took it
                }

                if (batch.Count == 1)
                {
                    await batch[0].RunAloneAsync(database, store, stopping.Token);
                    WakeDaemonIfAppended();
                    continue;
                }

                try
                {
                    await RunTogetherAsync(batch);
                }
                catch (Exception failure) when (failure is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    logger.LogInformation(failure, "A batch of {Count} failed together; running each alone", batch.Count);
                    // One after the other, in the order queued: pieces of one report keep their order here too.
                    foreach (var item in batch)
                    {
                        await item.RunAloneAsync(database, store, stopping.Token);
                    }
                }

                WakeDaemonIfAppended();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            foreach (var item in batch)
            {
                item.Cancel();
            }

            carried?.Cancel();
        }

        bool Take(IPending item) => item.AppendsTo is not { } stream || streams.Add(stream);

        // Pieces that append no events (Dispatch's delivery records) leave the daemon to its own pace.
        void WakeDaemonIfAppended()
        {
            if (streams.Count > 0)
            {
                wakeup?.Pulse();
            }
        }
    }

    private async Task RunTogetherAsync(List<IPending> batch)
    {
        await using var connection = await database.OpenConnectionAsync(stopping.Token);
        await using var transaction = await connection.BeginTransactionAsync(stopping.Token);
        await using var shared = new GroupTransaction(connection, transaction, store);
        foreach (var item in batch)
        {
            await item.RunAsync(shared, stopping.Token);
        }

        await shared.SaveAsync(stopping.Token);

        await Task.WhenAll(batch.GroupBy(item => item.OrderKey ?? item).Select(async inOrder =>
        {
            foreach (var item in inOrder)
            {
                await item.BeforeCommitAsync(stopping.Token);
            }
        }));
        await transaction.CommitAsync(stopping.Token);
        foreach (var item in batch)
        {
            item.Complete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await stopping.CancelAsync();
        await Task.WhenAll(committers);
        while (pending.Reader.TryRead(out var left))
        {
            left.Cancel();
        }

        stopping.Dispose();
    }

    private interface IPending
    {
        Task RunAsync(GroupTransaction shared, CancellationToken cancellationToken);

        Task BeforeCommitAsync(CancellationToken cancellationToken);

        object? OrderKey { get; }

        Guid? AppendsTo { get; }

        void Complete();

        Task RunAloneAsync(NpgsqlDataSource database, IDocumentStore? store, CancellationToken cancellationToken);

        void Cancel();
    }

    /// <summary>
    /// One caller's work. It runs under the caller's activity (restored here, on the committer's thread), so its spans
    /// and the traceparent stored with its events belong to the caller's trace.
    /// </summary>
    private sealed class Pending<T>(Func<GroupTransaction, CancellationToken, Task<GroupStep<T>>> work, Guid? appendsTo) : IPending
    {
        private readonly Activity? caller = Activity.Current;
        private GroupStep<T>? step;

        public TaskCompletionSource<T> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(GroupTransaction shared, CancellationToken cancellationToken)
        {
            Activity.Current = caller; // an async method's own: the committer's is back once this returns
            step = await work(shared, cancellationToken);
        }

        public async Task BeforeCommitAsync(CancellationToken cancellationToken)
        {
            Activity.Current = caller;
            if (step?.BeforeCommit is { } beforeCommit)
            {
                await beforeCommit(cancellationToken);
            }
        }

        public object? OrderKey => step?.OrderKey;

        public Guid? AppendsTo => appendsTo;

        public void Complete() => Outcome.TrySetResult(step!.Result);

        public async Task RunAloneAsync(NpgsqlDataSource database, IDocumentStore? store, CancellationToken cancellationToken)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var alone = new GroupTransaction(connection, transaction, store);
                await RunAsync(alone, cancellationToken);
                await alone.SaveAsync(cancellationToken);
                await BeforeCommitAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                Complete();
            }
            catch (Exception failure)
            {
                Outcome.TrySetException(failure);
            }
        }

        public void Cancel() => Outcome.TrySetCanceled();
    }
}
