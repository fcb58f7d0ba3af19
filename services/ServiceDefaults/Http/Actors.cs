using Microsoft.AspNetCore.Http;

namespace Polri110.ServiceDefaults.Http;

/// <summary>Who is making a request, as recorded on the events it causes: the subject of the caller's token.</summary>
public static class Actors
{
    public static string Of(HttpContext http) =>
        http.User.Identity?.Name is { Length: > 0 } subject
            ? subject
            : throw new InvalidOperationException("An endpoint that records an actor must require authentication.");
}
