using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Polri110.Tracking.Reports.TrackingByCode;

/// <summary>
/// The public lookup is open to anyone, so each client address gets a budget of lookups per minute
/// (<c>Tracking:PublicLookupsPerMinute</c>, default 30): enough for a caller, far too few to guess codes.
/// Behind a reverse proxy, forward the client's address (X-Forwarded-For) or all callers share one budget.
/// </summary>
public static class PublicTrackingLimits
{
    public static void AddPublicTrackingLimits(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("Tracking:PublicLookupsPerMinute", 30);
        builder.Services.AddRateLimiter(limits =>
        {
            limits.AddPolicy(TrackReportEndpoint.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limits.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await Results.Problem(
                        "Too many lookups from this address; try again in a minute.",
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
    }
}
