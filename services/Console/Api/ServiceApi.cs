using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Polri110.Console.SignIn;

namespace Polri110.Console.Api;

/// <summary>The four services whose public HTTP APIs the console is a client of (SPEC §7).</summary>
public enum Service
{
    Intake,
    Routing,
    Dispatch,
    Tracking,
}

/// <summary>
/// Calls the services as the signed-in person: their own token goes with every request, so each service decides
/// what that person may see and do. The console holds no report data of its own. Never throws for an answer or an
/// unreachable service: the page shows what <see cref="ApiResult{T}"/> says.
/// </summary>
public sealed class ServiceApi(IHttpClientFactory clients, AuthenticationStateProvider authentication, ILogger<ServiceApi> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult<T>> GetAsync<T>(Service service, string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(service, HttpMethod.Get, path, body: null, idempotencyKey: null, cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(
        Service service, string path, object? body, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(service, HttpMethod.Post, path, body, idempotencyKey, cancellationToken);

    public Task<ApiResult<T>> DeleteAsync<T>(Service service, string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(service, HttpMethod.Delete, path, body: null, idempotencyKey: null, cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(
        Service service, HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        using var request = new HttpRequestMessage(method, path);
        if (user.FindFirst(ConsoleClaims.ApiToken)?.Value is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        try
        {
            using var response = await clients.CreateClient(service.ToString()).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(Unit)
                    ? ApiResult<T>.Success(default!)
                    : ApiResult<T>.Success((await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!);
            }

            return ApiResult<T>.Failure(await ApiProblem.ReadAsync(response, cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The path may hold a caller's number (caller history): log the service, never the request.
            logger.LogWarning("{Service} did not answer: {Reason}", service, e.GetType().Name);
            return ApiResult<T>.Failure(ApiProblem.Unreachable(service));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            // A service of another version answering something else: the page says so instead of breaking the circuit.
            logger.LogWarning("{Service} answered a body the console cannot read: {Reason}", service, e.GetType().Name);
            return ApiResult<T>.Failure(ApiProblem.Plain(null, $"{service} answered something the console cannot read"));
        }
    }
}

/// <summary>For calls whose answer has no body the page needs.</summary>
public readonly record struct Unit;
