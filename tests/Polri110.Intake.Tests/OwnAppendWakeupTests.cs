using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.DependencyInjection;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.Testing;

namespace Polri110.Intake.Tests;

/// <summary>The wake-up of a service's daemon by its own commits, alone and in Intake.</summary>
public class OwnAppendWakeupTests
{
    // EventStore:OwnAppendPollingTime: how soon after its last poll a commit brings the next.
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Given_a_long_wait_When_the_service_commits_Then_the_wait_ends()
    {
        // Idle, or busy with a long interval (Dispatch's 250 ms for the others' events): the same wait.
        var wakeup = new OwnAppendWakeup(Spacing);
        var waiting = wakeup.WaitAsync(Idle, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        wakeup.Pulse();

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Given_a_busy_wait_shorter_than_the_spacing_When_the_service_commits_Then_the_wait_ends_no_later_than_it_would_have()
    {
        // Intake and Routing poll every 50 ms while events flow; a spacing longer than that does not stretch their wait.
        var wakeup = new OwnAppendWakeup(TimeSpan.FromMinutes(10));
        wakeup.Pulse();

        await wakeup.WaitAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Given_a_commit_signalled_before_the_daemon_waits_When_it_waits_idle_Then_it_waits_only_the_spacing()
    {
        var wakeup = new OwnAppendWakeup(Spacing);
        wakeup.Pulse();
        wakeup.Pulse(); // a second commit before the daemon looked: still one signal

        await wakeup.WaitAsync(Idle, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(wakeup.WaitAsync(Idle, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void Given_a_commit_signalled_When_more_commit_before_the_daemon_looks_Then_no_exception_is_thrown_for_them()
    {
        // At full speed nearly every commit finds the signal already set: throwing and catching there cost one
        // exception per commit.
        var wakeup = new OwnAppendWakeup(Spacing);
        var thread = Environment.CurrentManagedThreadId;
        var thrown = 0;
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, e) =>
        {
            if (e.Exception is SemaphoreFullException && Environment.CurrentManagedThreadId == thread)
            {
                Interlocked.Increment(ref thrown);
            }
        };
        AppDomain.CurrentDomain.FirstChanceException += count;
        try
        {
            for (var commit = 0; commit < 100; commit++)
            {
                wakeup.Pulse();
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= count;
        }

        Assert.Equal(0, thrown);
    }

    [Fact]
    public async Task Given_commits_flowing_When_the_daemon_waits_idle_again_and_again_Then_it_polls_no_more_often_than_the_spacing()
    {
        // Polls that do not move the daemon's mark (a transaction in flight holding it back) are each followed by an
        // idle wait, while the service commits every few milliseconds.
        var wakeup = new OwnAppendWakeup(Spacing);
        var clock = Stopwatch.StartNew();
        for (var poll = 0; poll < 5; poll++)
        {
            wakeup.Pulse();
            await wakeup.WaitAsync(Idle, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }

        // Five waits of at least the spacing each (a timer may fire a clock tick early: 10 % spared).
        Assert.True(clock.Elapsed >= Spacing * 5 * 0.9, $"five polls in {clock.Elapsed.TotalMilliseconds:N0} ms");
    }

    [Fact]
    public async Task Given_a_commit_signalled_When_the_daemon_waits_its_short_busy_interval_Then_the_poll_after_it_covers_the_commit()
    {
        var wakeup = new OwnAppendWakeup(Spacing);
        wakeup.Pulse();

        await wakeup.WaitAsync(Spacing, CancellationToken.None);

        // The signal was taken by the busy wait: the next idle wait lasts until the next commit.
        Assert.False(wakeup.WaitAsync(Idle, CancellationToken.None).IsCompleted);
    }
}

/// <summary>Intake whose daemon, once idle, would poll again only after ten minutes.</summary>
public sealed class IdleIntakeHost : ServiceHost<Program>
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["EventStore:SlowPollingTime"] = "00:10:00",
    };
}

public class IdleIntakeTests(IdleIntakeHost intake) : IClassFixture<IdleIntakeHost>
{
    [Fact]
    public async Task Given_Intakes_daemon_waiting_its_idle_interval_When_a_call_is_recorded_Then_its_caller_index_is_projected_at_once()
    {
        var daemon = intake.Services.GetRequiredService<IProjectionCoordinator>();
        // Idle: the high-water agent has polled, and not again for a second though it polls every 50 ms while busy. Marten's
        // watchdog restarts an agent that has not polled for 30 s (which then polls at once): the call is recorded at most
        // 5 s into the idle wait, and must be projected long before the watchdog would step in.
        await Eventually.TrueAsync(
            () => Task.FromResult(daemon.DaemonForMainDatabase().HighWaterLastPolledAt is { } polled
                                  && DateTimeOffset.UtcNow - polled > TimeSpan.FromSeconds(1)
                                  && DateTimeOffset.UtcNow - polled < TimeSpan.FromSeconds(5)),
            TimeSpan.FromSeconds(90), "Intake's daemon to wait idle");

        var phone = "813" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        var posted = await intake.As(Roles.Operator).PostAsJsonAsync("/api/reports", SampleReports.Call("silent", $"0{phone}"));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        // Without the wake-up the caller index (an async projection) would wait for the watchdog, 25 s or more from now.
        await Eventually.TrueAsync(async () =>
        {
            var history = await intake.As(Roles.Operator).GetFromJsonAsync<JsonElement>($"/api/callers/0{phone}/history");
            return history.GetProperty("reports").GetArrayLength() == 1;
        }, TimeSpan.FromSeconds(10), "the call in the caller's history");
    }
}
