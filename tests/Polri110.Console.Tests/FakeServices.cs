using System.Net;
using System.Text;

namespace Polri110.Console.Tests;

/// <summary>
/// Stands in for the four services behind the console's HTTP clients: answers each request with what the test says,
/// and keeps the requests for the test to inspect.
/// </summary>
public sealed class FakeServices : HttpMessageHandler, IHttpClientFactory
{
    public List<HttpRequestMessage> Requests { get; } = [];

    /// <summary>How to answer; null means the service cannot be reached.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?> Answer { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NotFound);

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { BaseAddress = new Uri($"http://{name.ToLowerInvariant()}.test") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Answer(request) is { } response
            ? Task.FromResult(response)
            : Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused"));
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };
}
