using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Tracking.Reports.TrackingByCode;

/// <summary>
/// The public lookup is open to anyone, so each client address gets a budget of lookups per minute
/// (<c>Tracking:PublicLookupsPerMinute</c>, default 30): enough for a caller, far too few to guess codes. Behind a
/// reverse proxy, list it in <c>Http:TrustedProxies</c> so the client's address arrives, or all callers share one
/// budget. Someone with many addresses is held by the second limit, per tracking code whichever instance answers
/// (<see cref="WrongTriesPolicy"/>, section <c>PublicLookup</c>).
/// </summary>
public static class PublicTrackingLimits
{
    public static void AddPublicTrackingLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<WrongTriesPolicy>(builder.Configuration.GetSection("PublicLookup"));
        builder.Services.AddSingleton<WrongTriesCounter>();
        builder.Services.AddHostedService<WrongTriesSweeper>();
        var perMinute = builder.Configuration.GetValue("Tracking:PublicLookupsPerMinute", 30);
        builder.Services.AddRateLimiter(limits =>
        {
            limits.AddPolicy(TrackReportEndpoint.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientOf(http.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limits.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    SetRetryAfter(rejected.HttpContext.Response, retryAfter);
                }

                await Problems.TooManyRequests("Too many lookups from this address; try again in a minute.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    /// <summary>Whole seconds, rounded up and at least one: a client that waits that long is not refused again at once.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The budget's owner: an IPv4 address, or an IPv6 /64 (one subscriber's network, with addresses to spare).</summary>
    public static string ClientOf(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        { AddressFamily: AddressFamily.InterNetworkV6 } =>
            new IPAddress([.. address.GetAddressBytes()[..8], 0, 0, 0, 0, 0, 0, 0, 0]) + "/64",
        _ => address.ToString(),
    };
}
