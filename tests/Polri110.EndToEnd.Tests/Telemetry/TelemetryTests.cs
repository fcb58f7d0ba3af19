using System.Diagnostics;
using System.Net;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests.Telemetry;

/// <summary>SPEC §9: one trace follows a report across the processes; every service's metrics are valid Prometheus text.</summary>
[Collection(SystemCollection.Name)]
public class TelemetryTests(Polri110System system)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Given_a_report_When_it_reaches_its_station_Then_one_trace_holds_the_post_both_hops_through_the_store_and_the_queue()
    {
        var reportId = await system.PostReportAsync(SampleReports.Theft(description: "Telemetry: motor dicuri di parkiran"));

        var spans = await Eventually.GetAsync(() =>
        {
            var exported = system.Traces.SpansOf(reportId);
            bool Has(string service, Func<ExportedSpan, bool> which) => exported.Any(s => s.Service == $"polri110-{service}" && which(s));
            var complete = Has("intake", s => s.Kind == 2 && s.Name.StartsWith("POST"))
                           && Has("intake", s => s.Name == "publish ReportReceived")
                           && Has("routing", s => s.Kind == 5)
                           && Has("routing", s => s.Name == "publish ReportForwarded")
                           && Has("dispatch", s => s.Kind == 5)
                           && Has("dispatch", s => s.Name == "deliver to station"
                                                   && s.Tags["polri110.station_id"] == "polres-metro-tangerang-kota");
            return Task.FromResult<IReadOnlyList<ExportedSpan>?>(complete ? exported : null);
        }, Patience, $"the spans of report {reportId} from Intake, Routing and Dispatch");

        Assert.Single(spans.Select(span => span.TraceId).Distinct());
    }

    [Fact]
    public async Task Given_traffic_When_each_service_is_scraped_Then_promtool_accepts_its_metrics_and_they_name_no_report()
    {
        var reportId = await system.PostReportAsync(SampleReports.Theft(description: "Telemetry: metrics after traffic"));
        await system.WaitForTrackingAsync(reportId, "forwarded");
        var expected = new Dictionary<string, string>
        {
            ["Intake"] = "polri110_reports_received_total{",
            ["Routing"] = "polri110_reports_forwarded_total",
            ["Dispatch"] = "polri110_station_queue_delivery_lag_seconds_bucket",
            ["Tracking"] = "polri110_daemon_lag{",
        };

        foreach (var (service, metric) in expected)
        {
            using var scraper = new HttpClient { BaseAddress = system.AddressOf(service) };
            var metrics = await Eventually.GetAsync(async () =>
            {
                var response = await scraper.GetAsync("/metrics");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var text = await response.Content.ReadAsStringAsync();
                return text.Contains(metric) && text.Contains("polri110_daemon_lag{") ? text : null;
            }, Patience, $"{metric} in {service}'s /metrics");

            Assert.DoesNotContain(reportId.ToString(), metrics);
            var (exitCode, problems) = await PromtoolCheckAsync(metrics);
            Assert.True(exitCode == 0, $"promtool check metrics on {service}'s /metrics:\n{problems}");
        }
    }

    private static async Task<(int ExitCode, string Output)> PromtoolCheckAsync(string metrics)
    {
        var start = new ProcessStartInfo("promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var promtool = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start (./test.sh installs it).");
        var output = promtool.StandardOutput.ReadToEndAsync();
        var errors = promtool.StandardError.ReadToEndAsync();
        await promtool.StandardInput.WriteAsync(metrics);
        promtool.StandardInput.Close();
        await promtool.WaitForExitAsync();
        return (promtool.ExitCode, await output + await errors);
    }
}
