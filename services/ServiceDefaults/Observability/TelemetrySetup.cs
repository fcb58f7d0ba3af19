using System.Diagnostics;
using System.Text.RegularExpressions;
using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Polri110.ServiceDefaults.Observability;

/// <summary>
/// Traces (ASP.NET Core, HttpClient, Npgsql, MassTransit and our own spans), metrics at <c>/metrics</c> in Prometheus
/// format, and JSON logs outside Development; exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static partial class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    // Npgsql 9 names its own ActivitySource and Meter so (Npgsql.OpenTelemetry would only add them by this name).
    private const string Npgsql = "Npgsql";

    public static IHostApplicationBuilder AddPolri110Telemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddConsole(console => console.FormatterName = ServiceLogFormatter.FormatterName)
                .AddConsoleFormatter<ServiceLogFormatter, ConsoleFormatterOptions>();
        }

        builder.Services.AddSingleton<ReportMetrics>();
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // Spans are recorded even when nothing exports them: the logs carry their ids, and appends store the traceparent
        // so that a trace can be followed later. One span per SQL statement (Npgsql's, ~25 per report) only when exported.
        string[] sources = exporting
            ? [ReportTracing.SourceName, DiagnosticHeaders.DefaultListenerName, Npgsql]
            : [ReportTracing.SourceName, DiagnosticHeaders.DefaultListenerName];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService($"polri110-{serviceName}"))
            .WithTracing(tracing => tracing
                .AddSource(sources)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    // Health probes and scrapes every few seconds would drown the reports' traces.
                    aspNetCore.Filter = http => !http.Request.Path.StartsWithSegments("/health")
                                                && !http.Request.Path.StartsWithSegments(MetricsPath);
                    aspNetCore.EnrichWithHttpResponse = (span, response) => WithoutPersonalPath(span, response.HttpContext);
                })
                .AddHttpClientInstrumentation(http =>
                    http.EnrichWithHttpRequestMessage = (span, request) => span.SetTag("url.full", Redacted(request.RequestUri))))
            .WithMetrics(metrics => metrics
                .AddMeter(ReportMetrics.MeterName, InstrumentationOptions.MeterName, Npgsql)
                // MassTransit times in milliseconds, which Prometheus' conventions (and promtool) refuse: its message
                // counts stay, its durations go (the station-queue delivery lag measures the path that matters).
                .AddView(instrument => instrument.Meter.Name == InstrumentationOptions.MeterName && instrument.Unit == "ms"
                    ? MetricStreamConfiguration.Drop
                    : null)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter());
        if (exporting)
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Serves the metrics without a token: they carry no personal data and no report ids.</summary>
    public static WebApplication MapPolri110Metrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }

    // The route template, never the path: GET /api/callers/{phone}/history carries a number, /api/track/{code} a lookup secret.
    private static void WithoutPersonalPath(Activity span, HttpContext http)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        span.SetTag("url.path", route is null ? null : "/" + route.TrimStart('/'));
    }

    /// <summary>
    /// An outgoing request's address without credentials or query (as the instrumentation's own value), and with the
    /// caller's number and tracking codes cut out of the path.
    /// </summary>
    internal static string? Redacted(Uri? address) =>
        address is not { IsAbsoluteUri: true }
            ? null
            : PersonalSegment().Replace(
                address.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped), "$1{redacted}");

    [GeneratedRegex("(/(?:callers|track)/)[^/]+", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalSegment();
}
