using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Polri110.ServiceDefaults.Observability;

/// <summary>
/// One JSON object per log line, with the trace, span and correlation ids of the work it belongs to. Unlike the
/// built-in JSON formatter it writes no logging scopes: ASP.NET Core's request scope holds the request path, and the
/// caller-history path holds a phone number (SPEC §7). The ids come from the current span instead.
/// </summary>
public sealed class ServiceLogFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "polri110-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", DateTimeOffset.UtcNow);
            json.WriteString("LogLevel", logEntry.LogLevel.ToString());
            json.WriteString("Category", logEntry.Category);
            json.WriteNumber("EventId", logEntry.EventId.Id);
            json.WriteString("Message", message);
            if (logEntry.Exception is { } exception)
            {
                json.WriteString("Exception", exception.ToString());
            }

            if (Activity.Current is { } span)
            {
                json.WriteString("TraceId", span.TraceId.ToHexString());
                json.WriteString("SpanId", span.SpanId.ToHexString());
                if (span.GetBaggageItem(ReportTracing.CorrelationIdBaggage) is { } correlationId)
                {
                    json.WriteString("CorrelationId", correlationId);
                }
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write(Environment.NewLine);
    }
}
