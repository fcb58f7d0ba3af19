using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Polly;
using Polly.Retry;

namespace Polri110.Dispatch.Broker;

/// <summary>
/// The RabbitMQ management HTTP API, for what AMQP cannot do: users and their permissions.
/// Configuration "RabbitMq:ManagementUri" (http://user:password@host:15672) names an administrator.
/// </summary>
public sealed class BrokerManagement
{
    private readonly HttpClient http;

    private static readonly ResiliencePipeline<HttpResponseMessage> Retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .HandleResult(response => (int)response.StatusCode >= 500),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
        })
        .AddTimeout(TimeSpan.FromSeconds(10))
        .Build();

    public BrokerManagement(HttpClient http, IConfiguration configuration)
    {
        var uri = new Uri(configuration["RabbitMq:ManagementUri"]
                          ?? throw new InvalidOperationException("RabbitMq:ManagementUri (http://user:password@host:15672) is not configured."));
        http.BaseAddress = new Uri(uri.GetLeftPart(UriPartial.Authority));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
        this.http = http;
    }

    /// <summary>
    /// Creates the user or replaces its password. Only a salted SHA-256 hash (RabbitMQ's own scheme) leaves
    /// this process, so neither the broker nor Polri 110 holds the password in plain text.
    /// </summary>
    public Task PutUserAsync(string username, string password, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/users/{Uri.EscapeDataString(username)}", new
        {
            password_hash = HashForRabbitMq(password),
            hashing_algorithm = "rabbit_password_hashing_sha256",
            tags = "",
        }, cancellationToken);

    /// <summary>Closes every connection the user has open: a rotated password must not leave an old session reading.</summary>
    public async Task CloseConnectionsOfAsync(string username, CancellationToken cancellationToken)
    {
        // Served from the broker's connection tracking, so it also finds a connection opened a moment ago.
        using var closed = await Retry.ExecuteAsync(
            async token =>
            {
                var request = new HttpRequestMessage(HttpMethod.Delete, $"api/connections/username/{Uri.EscapeDataString(username)}");
                request.Headers.Add("X-Reason", "Station credentials rotated");
                return await http.SendAsync(request, token);
            },
            cancellationToken);
        if (!closed.IsSuccessStatusCode && closed.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"RabbitMQ management could not close the connections of {username}: {(int)closed.StatusCode}.");
        }
    }

    /// <summary>Sets what the user may do in the virtual host: regular expressions over resource names.</summary>
    public Task SetPermissionsAsync(string virtualHost, string username, string configure, string write, string read, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/permissions/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(username)}",
            new { configure, write, read }, cancellationToken);

    private async Task SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await Retry.ExecuteAsync(
            async token => await http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) }, token),
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"RabbitMQ management {method} {path} answered {(int)response.StatusCode}.");
        }
    }

    private static string HashForRabbitMq(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return Convert.ToBase64String([.. salt, .. hash]);
    }
}
