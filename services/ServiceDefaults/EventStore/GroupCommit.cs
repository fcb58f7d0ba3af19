using System.Diagnostics;
using System.Threading.Channels;
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
    private readonly ILogger<GroupCommit> logger;
    private readonly int maxBatch;
    private readonly Channel<IPending> pending = Channel.CreateUnbounded<IPending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task[] committers;
    private readonly OwnAppendWakeup? wakeup;

    /// <summary>
    /// <c>EventStore:GroupCommit:Committers</c> batches in flight at once, each on a connection of its own (4), of at most
    /// <c>EventStore:GroupCommit:MaxBatch</c> pieces (64). After every batch the service's daemon is woken if idle
    /// (<paramref name="wakeup"/>): what was committed may hold events.
    /// </summary>
    public GroupCommit(
        NpgsqlDataSource database, IConfiguration configuration, ILogger<GroupCommit> logger, OwnAppendWakeup? wakeup = null)
    {
        this.database = database;
        this.logger = logger;
        this.wakeup = wakeup;
        maxBatch = Math.Max(1, configuration.GetValue("EventStore:GroupCommit:MaxBatch", 64));
        committers = Enumerable.Range(0, Math.Max(1, configuration.GetValue("EventStore:GroupCommit:Committers", 4)))
            .Select(_ => Task.Run(CommitBatchesAsync)).ToArray();
    }

    /// <summary>Runs <paramref name="work"/> in a transaction shared with whatever else is queued, and returns its result once committed.</summary>
    public Task<T> RunAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<GroupStep<T>>> work)
    {
        var item = new Pending<T>(work);
        if (!pending.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(GroupCommit));
        }

        return item.Outcome.Task;
    }

    private async Task CommitBatchesAsync()
    {
        var batch = new List<IPending>(maxBatch);
        try
        {
            while (await pending.Reader.WaitToReadAsync(stopping.Token))
            {
                batch.Clear();
                while (batch.Count < maxBatch && pending.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                if (batch.Count == 0)
                {
                    continue; // another committer woke for the same work and took it
                }

                if (batch.Count == 1)
                {
                    await batch[0].RunAloneAsync(database, stopping.Token);
                    wakeup?.Pulse();
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
                        await item.RunAloneAsync(database, stopping.Token);
                    }
                }

                wakeup?.Pulse();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            foreach (var item in batch)
            {
                item.Cancel();
            }
        }
    }

    private async Task RunTogetherAsync(List<IPending> batch)
    {
        await using var connection = await database.OpenConnectionAsync(stopping.Token);
        await using var transaction = await connection.BeginTransactionAsync(stopping.Token);
        foreach (var item in batch)
        {
            await item.RunAsync(connection, transaction, stopping.Token);
        }

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
        Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);

        Task BeforeCommitAsync(CancellationToken cancellationToken);

        object? OrderKey { get; }

        void Complete();

        Task RunAloneAsync(NpgsqlDataSource database, CancellationToken cancellationToken);

        void Cancel();
    }

    /// <summary>
    /// One caller's work. It runs under the caller's activity (restored here, on the committer's thread), so its spans
    /// and the traceparent stored with its events belong to the caller's trace.
    /// </summary>
    private sealed class Pending<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<GroupStep<T>>> work) : IPending
    {
        private readonly Activity? caller = Activity.Current;
        private GroupStep<T>? step;

        public TaskCompletionSource<T> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            Activity.Current = caller; // an async method's own: the committer's is back once this returns
            step = await work(connection, transaction, cancellationToken);
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

        public void Complete() => Outcome.TrySetResult(step!.Result);

        public async Task RunAloneAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await RunAsync(connection, transaction, cancellationToken);
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
