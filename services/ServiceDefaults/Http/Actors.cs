using Microsoft.AspNetCore.Http;

namespace Polri110.ServiceDefaults.Http;

/// <summary>Who is making a request, as recorded on the events it causes.</summary>
public static class Actors
{
    /// <summary>Header naming the operator or supervisor until bearer tokens carry the identity.</summary>
    public const string ActorHeader = "X-Actor-Id";

    public static string Of(HttpContext http, string fallback) =>
        http.User.Identity?.Name is { Length: > 0 } name ? name
        : http.Request.Headers[ActorHeader].FirstOrDefault() is { Length: > 0 and <= 100 } given ? given
        : fallback;
}
