using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.ServiceDefaults.Http;

/// <summary>
/// When PostgreSQL cannot be reached nothing can be stored, so the honest answer is 503 (try again),
/// never a success for something that was not written.
/// </summary>
public sealed class StoreUnavailableHandler(IProblemDetailsService problems, ILogger<StoreUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!StoreOutage.IsCause(exception))
        {
            return false;
        }

        logger.LogError("Event store unavailable: {Message}", exception.GetBaseException().Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The event store is unavailable",
                Detail = "Nothing was stored. Retry the request; an Idempotency-Key makes the retry safe.",
            },
        });
    }
}
