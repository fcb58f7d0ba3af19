using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polri110.ServiceDefaults.EventStore;
using Polri110.Testing;

namespace Polri110.Routing.Tests;

/// <summary>
/// The group commit that Routing's and Dispatch's consumers share transactions through, against a real PostgreSQL:
/// pieces queued together commit together, a faulty piece fails alone while the rest of its batch is committed, and
/// pieces for one stream never share a batch.
/// Each test first holds the committer (one here) on a gate, so that what it queues next is waiting when it takes a batch.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private NpgsqlDataSource database = null!;
    private GroupCommit group = null!;
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<long> gated = null!;
    // Ends a wait as soon as a batch that appended events says so.
    private readonly OwnAppendWakeup wakeup = new(TimeSpan.Zero);

    [Fact]
    public async Task Given_pieces_queued_while_the_committers_are_busy_When_they_run_Then_they_share_transactions_and_all_commit()
    {
        var pieces = Enumerable.Range(0, 20).Select(i => group.RunAsync((shared, token) => InsertAsync(shared, $"piece {i}", token))).ToList();
        gate.SetResult();

        var transactions = await Task.WhenAll(pieces);

        Assert.Single(transactions.Distinct());
        Assert.NotEqual(await gated, transactions[0]);
        Assert.Equal(20, await CountAsync("piece %"));
    }

    [Fact]
    public async Task Given_a_batch_that_appends_to_no_stream_When_it_commits_Then_the_daemon_is_not_woken_but_a_batch_that_appends_wakes_it()
    {
        gate.SetResult();
        await gated;
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => group.RunAsync((shared, token) => InsertAsync(shared, $"record {i}", token))));
        // The one committer wakes the daemon, or not, before it takes the next batch: once this one is done, so is that.
        await group.RunAsync((shared, token) => InsertAsync(shared, "record after", token));
        using var stop = new CancellationTokenSource();
        var daemon = wakeup.WaitAsync(TimeSpan.FromMinutes(10), stop.Token);
        Assert.False(daemon.IsCompleted, "delivery records alone woke the daemon");

        await group.RunAsync((shared, token) => InsertAsync(shared, "appended", token), appendsTo: Guid.NewGuid());

        await daemon.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Given_a_piece_that_breaks_a_constraint_among_others_When_the_batch_fails_Then_only_that_piece_fails_and_the_rest_commit()
    {
        var pieces = Enumerable.Range(0, 10)
            .Select(i => group.RunAsync((shared, token) => InsertAsync(shared, i == 6 ? "taken" : $"good {i}", token)))
            .ToList();
        gate.SetResult();

        var outcomes = await Task.WhenAll(pieces.Select(async piece =>
        {
            try
            {
                await piece;
                return null;
            }
            catch (PostgresException e)
            {
                return e.SqlState;
            }
        }));

        Assert.Equal([PostgresErrorCodes.UniqueViolation], outcomes.Where(state => state is not null));
        Assert.Equal(9, await CountAsync("good %"));
    }

    [Fact]
    public async Task Given_pieces_of_one_report_When_they_act_before_the_commit_Then_they_act_in_the_order_they_were_queued()
    {
        var acted = new ConcurrentQueue<string>();
        Task<long> Piece(string name, object? orderKey, TimeSpan actingTakes, bool fails = false) =>
            group.RunAsync(async (shared, token) => new GroupStep<long>(
                (await InsertAsync(shared, name, token)).Result,
                async _ =>
                {
                    await Task.Delay(actingTakes);
                    acted.Enqueue(name);
                    if (fails)
                    {
                        throw new InvalidOperationException("the broker refused it");
                    }
                },
                orderKey));
        var report = Guid.NewGuid();
        var first = Piece("first of the report", report, TimeSpan.FromMilliseconds(300));
        var second = Piece("second of the report", report, TimeSpan.Zero);
        var refused = Piece("refused", null, TimeSpan.Zero, fails: true);
        gate.SetResult();

        await Task.WhenAll(first, second);
        await Assert.ThrowsAsync<InvalidOperationException>(() => refused);

        // Together first (then the refusal fails the batch), then each alone: in the order queued both times.
        Assert.Equal(["first of the report", "second of the report", "first of the report", "second of the report"],
            acted.Where(name => name != "refused"));
        Assert.Equal(2, await CountAsync("% of the report"));
        Assert.Equal(0, await CountAsync("refused"));
    }

    [Fact]
    public async Task Given_two_pieces_for_one_stream_queued_together_When_they_run_Then_the_second_waits_for_the_next_transaction()
    {
        // A piece decides on its stream as committed: it must not share a batch with another piece appending to it.
        var stream = Guid.NewGuid();
        var first = group.RunAsync((shared, token) => InsertAsync(shared, "first of the stream", token), appendsTo: stream);
        var second = group.RunAsync((shared, token) => InsertAsync(shared, "second of the stream", token), appendsTo: stream);
        var other = group.RunAsync((shared, token) => InsertAsync(shared, "another stream's", token), appendsTo: Guid.NewGuid());
        gate.SetResult();

        var transactions = await Task.WhenAll(first, second, other);

        Assert.True(transactions[0] < transactions[1], "the second piece ran in a later transaction");
        Assert.Equal(transactions[1], transactions[2]);
        Assert.Equal(3, await CountAsync("%stream%"));
    }

    private static async Task<GroupStep<long>> InsertAsync(GroupTransaction shared, string name, CancellationToken token)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO pieces (name) VALUES ($1) RETURNING txid_current()", shared.Connection, shared.Transaction);
        insert.Parameters.AddWithValue(name);
        return new GroupStep<long>((long)(await insert.ExecuteScalarAsync(token))!);
    }

    private async Task<long> CountAsync(string pattern)
    {
        await using var count = database.CreateCommand("SELECT count(*) FROM pieces WHERE name LIKE $1");
        count.Parameters.AddWithValue(pattern);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public async Task InitializeAsync()
    {
        var test = await TestServers.CreateDatabaseAsync("groupcommit");
        database = NpgsqlDataSource.Create(test.AsOwner);
        await using (var create = database.CreateCommand("CREATE TABLE pieces (name text PRIMARY KEY)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var taken = database.CreateCommand("INSERT INTO pieces (name) VALUES ('taken')"))
        {
            await taken.ExecuteNonQueryAsync();
        }

        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["EventStore:GroupCommit:Committers"] = "1" })
            .Build();
        group = new GroupCommit(database, settings, NullLogger<GroupCommit>.Instance, wakeup);
        // A piece that has begun its transaction and waits on the gate keeps the committer busy: the rest queue.
        gated = group.RunAsync(async (shared, token) =>
        {
            var step = await InsertAsync(shared, "gate", token);
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(30), token);
            return step;
        });
        await Eventually.TrueAsync(async () => await ActiveTransactionsAsync() == 1, TimeSpan.FromSeconds(10), "the committer to take the gate piece");
    }

    private async Task<long> ActiveTransactionsAsync()
    {
        await using var count = database.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        gate.TrySetResult();
        await group.DisposeAsync();
        await database.DisposeAsync();
    }
}
