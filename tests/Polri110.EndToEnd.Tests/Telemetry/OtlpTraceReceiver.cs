using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Polri110.EndToEnd.Tests.Telemetry;

/// <summary>One span as a service exported it over OTLP.</summary>
/// <param name="Kind">OTLP's span kind: 2 server, 3 client, 4 producer, 5 consumer.</param>
public sealed record ExportedSpan(
    string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// What a collector would be to the services: an OTLP/HTTP endpoint (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) that keeps the
/// spans tagged with a report id, so a test can follow one report's trace across the processes. The few protobuf
/// fields it needs are read by hand rather than pulling in a protobuf library for a test.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private const string ReportIdTag = "polri110.report_id";

    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<ExportedSpan> spans = new();
    private readonly Task serving;

    public OtlpTraceReceiver()
    {
        Endpoint = new Uri($"http://127.0.0.1:{FreePort()}/");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>What the services are given to export to this receiver, soon after each span ends.</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
    };

    public IReadOnlyList<ExportedSpan> SpansOf(Guid reportId) =>
        spans.Where(span => span.Tags.TryGetValue(ReportIdTag, out var id) && id == reportId.ToString()).ToList();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext exchange;
            try
            {
                exchange = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await exchange.Request.InputStream.CopyToAsync(body);
            if (exchange.Request.Url?.AbsolutePath == "/v1/traces")
            {
                foreach (var span in ReadTraces(body.ToArray()).Where(span => span.Tags.ContainsKey(ReportIdTag)))
                {
                    spans.Enqueue(span);
                }
            }

            exchange.Response.StatusCode = 200;
            exchange.Response.ContentType = "application/x-protobuf";
            exchange.Response.Close();
        }
    }

    // ExportTraceServiceRequest { 1: ResourceSpans { 1: Resource { 1: KeyValue }, 2: ScopeSpans { 2: Span } } }
    private static IEnumerable<ExportedSpan> ReadTraces(byte[] request)
    {
        foreach (var resourceSpans in Nested(request, 1))
        {
            var service = Nested(resourceSpans, 1)
                .SelectMany(resource => Attributes(resource, 1))
                .FirstOrDefault(attribute => attribute.Key == "service.name").Value ?? "";
            foreach (var scopeSpans in Nested(resourceSpans, 2))
            {
                foreach (var span in Nested(scopeSpans, 2))
                {
                    yield return ReadSpan(service, span);
                }
            }
        }
    }

    // Span { 1: trace_id, 2: span_id, 4: parent_span_id, 5: name, 6: kind, 9: KeyValue attributes }
    private static ExportedSpan ReadSpan(string service, byte[] span)
    {
        var fields = Fields(span).ToList();
        string Hex(int number) => fields.FirstOrDefault(f => f.Number == number)?.Bytes is { } bytes ? Convert.ToHexStringLower(bytes) : "";
        var name = fields.FirstOrDefault(f => f.Number == 5)?.Bytes is { } text ? Encoding.UTF8.GetString(text) : "";
        var kind = (int)(fields.FirstOrDefault(f => f.Number == 6)?.Varint ?? 0);
        return new ExportedSpan(service, Hex(1), Hex(2), Hex(4), name, kind, Attributes(span, 9).ToDictionary(a => a.Key, a => a.Value));
    }

    // KeyValue { 1: key, 2: AnyValue { 1: string, 2: bool, 3: int64 } }
    private static IEnumerable<KeyValuePair<string, string>> Attributes(byte[] message, int field) =>
        Nested(message, field).Select(keyValue =>
        {
            var parts = Fields(keyValue).ToList();
            var key = Encoding.UTF8.GetString(parts.First(p => p.Number == 1).Bytes!);
            var value = parts.FirstOrDefault(p => p.Number == 2)?.Bytes is { } any ? Fields(any).FirstOrDefault() : null;
            var text = value switch
            {
                { Number: 1, Bytes: { } utf8 } => Encoding.UTF8.GetString(utf8),
                { Number: 2 or 3 } => value.Varint.ToString(),
                _ => "",
            };
            return new KeyValuePair<string, string>(key, text);
        });

    private sealed record Field(int Number, byte[]? Bytes, ulong Varint);

    /// <summary>The embedded messages (or strings) in one field of a message.</summary>
    private static IEnumerable<byte[]> Nested(byte[] message, int number) =>
        Fields(message).Where(f => f.Number == number && f.Bytes is not null).Select(f => f.Bytes!);

    /// <summary>The fields of one protobuf message, in order (wire types: 0 varint, 1 fixed64, 2 bytes, 5 fixed32).</summary>
    private static IEnumerable<Field> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    yield return new Field(number, null, ReadVarint(message, ref position));
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    yield return new Field(number, message[position..(position + length)], 0);
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected protobuf wire type {tag & 7}.");
            }
        }
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var next = message[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }
}
