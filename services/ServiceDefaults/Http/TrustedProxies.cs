using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Polri110.ServiceDefaults.Http;

/// <summary>
/// The client's address is the connection's peer, unless that peer is a reverse proxy listed in
/// <c>Http:TrustedProxies</c> (addresses or networks, e.g. <c>10.0.0.5</c>, <c>10.1.0.0/16</c>; none by default): then
/// it is the nearest address in <c>X-Forwarded-For</c> that the trusted proxies did not add themselves. Anyone else's
/// header is ignored, so nobody can pick the address that per-address limits count against.
/// </summary>
public static class TrustedProxies
{
    public const string Setting = "Http:TrustedProxies";

    internal static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Setting);
        // A list in JSON or Http__TrustedProxies__0=…, or one comma-separated value.
        var entries = (section.Value?.Split(',') ?? section.Get<string[]>() ?? [])
            .Select(entry => entry.Trim()).Where(entry => entry.Length > 0).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // Not the framework's defaults (loopback): only what the deployment names.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            // Walk back through every trusted proxy in a chain; the first address none of them is wins.
            forwarded.ForwardLimit = null;
            foreach (var entry in entries)
            {
                if (entry.Contains('/'))
                {
                    forwarded.KnownIPNetworks.Add(IPNetwork.Parse(entry));
                }
                else
                {
                    forwarded.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
    }

    internal static void UseTrustedProxies(this WebApplication app)
    {
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        // With no proxy listed, the framework's middleware would believe every peer: leave it out.
        if (forwarded.KnownProxies.Count == 0 && forwarded.KnownIPNetworks.Count == 0)
        {
            return;
        }

        // The middleware also believes a peer without an address (a Unix socket): nothing to check it against.
        app.Use((http, next) =>
        {
            if (http.Connection.RemoteIpAddress is null)
            {
                http.Request.Headers.Remove(ForwardedHeadersDefaults.XForwardedForHeaderName);
            }

            return next(http);
        });
        app.UseForwardedHeaders();
    }
}
