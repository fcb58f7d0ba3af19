using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Polri110.Console.Live;
using Polri110.Console.Station;
using Polri110.Contracts;

namespace Polri110.Console.Tests;

/// <summary>A station's page re-reads its list for its own reports' changes, not for every event in the country.</summary>
public sealed class StationChangesTests
{
    private const string Polres = "3671";
    private const string Polsek = "3671010";
    private static readonly Guid Listed = Guid.NewGuid();
    private static readonly Guid Elsewhere = Guid.NewGuid();
    private static readonly HashSet<Guid> ListsOne = [Listed];
    private static readonly HashSet<Guid> ListsNone = [];

    [Theory]
    [InlineData(nameof(ReportForwarded), Polres, null)]
    [InlineData(nameof(ReportAcknowledged), Polres, null)]
    [InlineData(nameof(ReportAssigned), Polres, "3671020")]
    [InlineData(nameof(ReportEscalated), Polres, null)]
    [InlineData(nameof(ReportRejected), Polres, null)]
    public void An_event_naming_the_Polres_concerns_it_even_for_a_report_it_does_not_list_yet(string type, string polres, string? polsek) =>
        Assert.True(StationChanges.Concern(new ReportChange(Elsewhere, type, DateTimeOffset.UtcNow, polres, polsek), Polres, ListsOne));

    [Fact]
    public void An_assignment_concerns_the_Polsek_it_names()
    {
        var assigned = new ReportChange(Elsewhere, nameof(ReportAssigned), DateTimeOffset.UtcNow, Polres, Polsek);

        Assert.True(StationChanges.Concern(assigned, Polsek, ListsNone));
        Assert.False(StationChanges.Concern(assigned, "3671020", ListsNone));
    }

    [Theory]
    [InlineData(nameof(ReportClosed))]
    [InlineData(nameof(ReportLinkedAsDuplicate))]
    [InlineData(nameof(ReportFlaggedAsPrank))]
    public void A_change_naming_no_station_concerns_the_stations_listing_the_report_only(string type)
    {
        Assert.True(StationChanges.Concern(new ReportChange(Listed, type, DateTimeOffset.UtcNow), Polres, ListsOne));
        Assert.False(StationChanges.Concern(new ReportChange(Elsewhere, type, DateTimeOffset.UtcNow), Polres, ListsOne));
    }

    [Theory]
    [InlineData(nameof(ReportReceived))]
    [InlineData(nameof(ReportRoutingFailed))]
    public void Another_station_s_reports_and_reports_before_routing_do_not_concern_it(string type)
    {
        Assert.False(StationChanges.Concern(new ReportChange(Elsewhere, type, DateTimeOffset.UtcNow), Polres, ListsOne));
        Assert.False(StationChanges.Concern(new ReportChange(Elsewhere, nameof(ReportForwarded), DateTimeOffset.UtcNow, "3171"), Polres, ListsOne));
    }

    [Theory]
    [InlineData(nameof(ReportReopened))]
    [InlineData(nameof(ReportUnlinked))]
    public void A_report_coming_back_to_a_station_concerns_every_station_since_its_event_names_none(string type) =>
        Assert.True(StationChanges.Concern(new ReportChange(Elsewhere, type, DateTimeOffset.UtcNow), Polres, ListsNone));

    [Fact]
    public async Task The_console_reads_the_stations_an_event_names_from_the_message_the_bus_delivers()
    {
        var feed = new ReportFeed(NullLogger<ReportFeed>.Instance, TimeProvider.System);
        var heard = new List<ReportChange>();
        var bothHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.Changed += change =>
        {
            lock (heard)
            {
                heard.Add(change);
                if (heard.Count == 2)
                {
                    bothHeard.SetResult();
                }
            }
        };
        await using var provider = new ServiceCollection()
            .AddSingleton(feed)
            .AddMassTransitTestHarness(bus => bus.AddConsumer<ReportChangeConsumer>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var assigned = new ReportAssigned(Guid.NewGuid(), Polres, Polsek, new Officer("75010001", "Bripka Sari"), "75010001", DateTimeOffset.UtcNow);
        var closed = new ReportClosed(Guid.NewGuid(), "resolved", "tracking", DateTimeOffset.UtcNow);

        await harness.Bus.Publish(assigned);
        await harness.Bus.Publish(closed);

        // Waits for the feed itself, not the harness's idea of a quiet bus (which gave up after 8 s on a busy machine).
        await bothHeard.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await harness.Stop();
        lock (heard)
        {
            Assert.Contains(new ReportChange(assigned.ReportId, nameof(ReportAssigned), assigned.OccurredAt, Polres, Polsek), heard);
            Assert.Contains(new ReportChange(closed.ReportId, nameof(ReportClosed), closed.OccurredAt), heard);
        }
    }
}
