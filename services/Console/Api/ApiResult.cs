using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Polri110.Console.Api;

/// <summary>A service's answer: the value, or the problem to show the person (next to the fields it names).</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;

    public static ApiResult<T> Success(T value) => new(value, null);

    public static ApiResult<T> Failure(ApiProblem problem) => new(default, problem);
}

/// <summary>
/// An RFC 9457 problem as the services answer it, or the absence of any answer. <see cref="Errors"/> maps a field
/// ("caller.phone") to what is wrong with it.
/// </summary>
public sealed record ApiProblem(
    int? Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, Service? UnreachableService = null)
{
    public bool IsUnreachable => UnreachableService is not null;

    public string? ErrorFor(string field) =>
        Errors.FirstOrDefault(error => string.Equals(error.Key, field, StringComparison.OrdinalIgnoreCase)).Value
            is { Length: > 0 } messages
            ? string.Join(" ", messages)
            : null;

    /// <summary>A problem with a title and nothing to show beside any field.</summary>
    public static ApiProblem Plain(int? status, string title) => new(status, title, null, new Dictionary<string, string[]>());

    public static ApiProblem Unreachable(Service service) =>
        new(null, $"{service} unreachable", null, new Dictionary<string, string[]>(), service);

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ServiceApi.Json, cancellationToken);
            var errors = body.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object
                ? fields.EnumerateObject().ToDictionary(
                    field => field.Name,
                    field => field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(message => message.GetString() ?? "").ToArray()
                        : [],
                    StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, string[]>();
            return new ApiProblem(
                status,
                (body.TryGetProperty("title", out var title) ? title.GetString() : null) ?? response.ReasonPhrase ?? "",
                body.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
                errors);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return Plain(status, response.ReasonPhrase ?? ((HttpStatusCode)status).ToString());
        }
    }
}
