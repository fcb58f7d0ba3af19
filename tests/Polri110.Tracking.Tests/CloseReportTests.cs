using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.Testing;
using Polri110.Tracking.Reports.Closing;

namespace Polri110.Tracking.Tests;

/// <summary>Tracking with a closing delay of a second, so resolved reports close within a test.</summary>
public class QuickClosingTracking : ServiceHost<Program>
{
    public QuickClosingTracking()
    {
    }

    public QuickClosingTracking(TestDatabase database, string amqpUri)
        : base(database, amqpUri)
    {
    }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Closing:After"] = "00:00:01",
        ["Closing:CheckInterval"] = "00:00:00.200",
    };
}

/// <summary>Two Tracking instances on one database and virtual host: both close what is due.</summary>
public sealed class TwoTrackingInstances()
    : TwoInstances<QuickClosingTracking>(() => new(), first => new(first.Database, first.AmqpUri));

public class CloseReportTests(TwoTrackingInstances tracking) : IClassFixture<TwoTrackingInstances>
{
    private const string Polres = "polres-metro-tangerang-kota";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly Officer Andi = new("87010123", "Bripka Andi");

    private static object[] ResolvedStory(Guid id, DateTimeOffset resolvedAt) =>
    [
        TestEvents.Received(id), TestEvents.Forwarded(id), new ReportAcknowledged(id, Polres, Andi, Andi.Nrp, resolvedAt),
        new ReportResolved(id, Polres, "recovered", "Motor ditemukan", Andi.Nrp, resolvedAt),
    ];

    private static Decision When(CloseReport command, params object[] given) => CloseReport.Decide(ReportLifecycle.Fold(given), command);

    [Fact]
    public void Given_a_resolved_report_When_a_supervisor_closes_it_Then_it_is_closed_with_the_reason()
    {
        var id = Guid.NewGuid();

        var closed = Assert.IsType<ReportClosed>(Assert.Single(When(new CloseReport(id, "Sudah dikonfirmasi", "supervisor-1", Now), ResolvedStory(id, Now)).Events));

        Assert.Equal("Sudah dikonfirmasi", closed.Reason);
        Assert.Equal("supervisor-1", closed.Actor);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Given_a_report_not_resolved_When_a_supervisor_closes_it_Then_conflict(bool closedAlready)
    {
        var id = Guid.NewGuid();
        object[] story = closedAlready
            ? [.. ResolvedStory(id, Now), new ReportClosed(id, "x", "supervisor-1", Now)]
            : [TestEvents.Received(id), TestEvents.Forwarded(id)];

        Assert.Equal(RejectionKind.Conflict, When(new CloseReport(id, "x", "supervisor-1", Now), story).Rejection?.Kind);
    }

    [Fact]
    public void Given_a_report_resolved_72_hours_ago_When_the_timer_looks_Then_it_closes_but_not_one_resolved_71_hours_ago()
    {
        var id = Guid.NewGuid();
        var timer = new CloseReport(id, "72 h", "tracking-service", Now, ResolvedBefore: Now.AddHours(-72));

        Assert.Single(When(timer, ResolvedStory(id, Now.AddHours(-72))).Events);
        Assert.Empty(When(timer, ResolvedStory(id, Now.AddHours(-71))).Events);
    }

    [Fact]
    public void Given_a_report_reopened_after_resolution_When_the_timer_looks_Then_nothing_happens_and_nothing_is_refused()
    {
        var id = Guid.NewGuid();
        var decision = When(
            new CloseReport(id, "72 h", "tracking-service", Now, ResolvedBefore: Now.AddHours(-72)),
            [.. ResolvedStory(id, Now.AddHours(-80)), new ReportReopened(id, "belum selesai", "operator-1", Now.AddHours(-79))]);

        Assert.Empty(decision.Events);
        Assert.Null(decision.Rejection);
    }

    [Fact]
    public async Task Given_two_Tracking_instances_When_a_report_stays_resolved_past_the_delay_Then_it_is_closed_exactly_once()
    {
        var id = Guid.CreateVersion7();
        await tracking.First.AppendAsync(id, ResolvedStory(id, DateTimeOffset.UtcNow));

        await Eventually.TrueAsync(async () => (await tracking.First.StreamAsync(id)).Any(e => e.Data is ReportClosed), TimeSpan.FromSeconds(30), "the report to close");
        // Both closers keep looking until the summary shows it closed; only then is "exactly once" settled.
        await Eventually.TrueAsync(async () =>
        {
            var summary = await tracking.Second.As(Roles.Supervisor).GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
            return summary.GetProperty("status").GetString() == "closed";
        }, TimeSpan.FromSeconds(30), "the summary to show the report closed");

        var stream = await tracking.First.StreamAsync(id);
        Assert.Single(stream, e => e.Data is ReportClosed);
        Assert.Equal("tracking-service", stream[^1].UserName);
    }

    [Fact]
    public async Task Given_a_forwarded_report_When_a_supervisor_closes_it_Then_409_and_nothing_is_appended_and_an_operator_may_not_close_at_all()
    {
        var id = Guid.CreateVersion7();
        await tracking.First.AppendAsync(id, TestEvents.Received(id), TestEvents.Forwarded(id));

        var bySupervisor = await tracking.First.As(Roles.Supervisor).PostAsJsonAsync($"/api/reports/{id}/close", new { reason = "Tutup saja" });
        var byOperator = await tracking.First.As(Roles.Operator).PostAsJsonAsync($"/api/reports/{id}/close", new { reason = "Tutup saja" });
        var withoutReason = await tracking.First.As(Roles.Supervisor).PostAsJsonAsync($"/api/reports/{id}/close", new { reason = "" });

        Assert.Equal(HttpStatusCode.Conflict, bySupervisor.StatusCode);
        Assert.Equal("application/problem+json", bySupervisor.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal(2, (await tracking.First.StreamAsync(id)).Count);
    }
}
