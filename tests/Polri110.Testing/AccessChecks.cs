using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Polri110.Testing;

/// <summary>Sends one request with a given Authorization header (or none) and reports the status.</summary>
public static class AccessChecks
{
    public static async Task<HttpStatusCode> StatusAsync(HttpClient anonymous, HttpMethod method, string path, string? token, string body = "{}")
    {
        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return (await anonymous.SendAsync(request)).StatusCode;
    }
}
