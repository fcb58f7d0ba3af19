using System.Text.Json;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
public class CrashTests(Polri110System system)
{
    [Fact]
    public async Task Given_Routing_is_killed_between_the_POST_and_the_forwarding_When_it_restarts_Then_the_report_arrives_exactly_once()
    {
        const string station = "polres-bantul";
        await using var reader = new AmqpQueueReader(system.AmqpUri);
        var routing = system["Routing"];

        await routing.KillAsync();
        var reportId = await system.PostReportAsync(SampleReports.Theft("34.02.01.2001", "Crash: Routing killed before forwarding"));
        await system.WaitForTrackingAsync(reportId, "received");

        await routing.StartAsync();
        await system.WaitForTrackingAsync(reportId, "forwarded");

        // Exactly one forwarding in the stream, and exactly one message for it in the station queue.
        var history = await system.HistoryAsync(reportId);
        Assert.Single(history, e => e.GetProperty("type").GetString() == "ReportForwarded");
        var messages = await Eventually.GetAsync(
            async () =>
            {
                var forReport = (await reader.DrainAsync($"dispatch.{station}")).Where(m => m.GetProperty("reportId").GetGuid() == reportId).ToList();
                return forReport.Count > 0 ? forReport : null;
            },
            TimeSpan.FromSeconds(30), "the report in the Bantul queue");
        Assert.Single(messages);
    }
}
