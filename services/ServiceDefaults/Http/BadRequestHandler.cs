using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Polri110.ServiceDefaults.Http;

/// <summary>
/// A body that cannot be read as the endpoint's JSON (malformed, wrong types, too large) is the client's
/// mistake: answer its 4xx as problem details, in every environment, instead of a 500.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        http.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large" : "The request body could not be read",
                Detail = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? $"At most {Polri110ServiceDefaults.MaxRequestBodyBytes} bytes are accepted."
                    : "Send a JSON body with the documented fields and types.",
            },
        });
    }
}
