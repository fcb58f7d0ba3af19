using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Polri110.Dispatch.Broker;
using Polri110.Jurisdictions.Map;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.Http;
using Polri110.ServiceDefaults.Messaging;

namespace Polri110.Dispatch.Stations.IssuingCredentials;

/// <summary>What a station is given once: where and as whom to read its queue, and a token for the Dispatch API.</summary>
public sealed record StationCredentials(string AmqpUri, string Username, string Password, string Queue, string Token, DateTimeOffset TokenExpiresAt);

public static class IssueStationCredentialsEndpoint
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(90);

    /// <summary>
    /// Creates or rotates a station's RabbitMQ user: it may read its own queue and nothing else (no configure,
    /// no write). Calling again rotates the password: the old one stops working at once, and sessions opened
    /// with it are closed. A station is a Polres, or a Polsek (the second hop), whose token then acts only on the
    /// reports its Polres assigned to it. The token is signed with Dispatch's own station key and carries the new
    /// generation of the station's credentials: every token issued before it stops working at once.
    /// </summary>
    public static void MapIssueStationCredentials(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/stations/{stationId}/credentials", Issue)
            .WithName("IssueStationCredentials")
            .RequireRole(Roles.Admin)
            .Produces<StationCredentials>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> Issue(
        string stationId, HttpContext http, JurisdictionMap map, BrokerManagement broker, StationQueues queues, TokenIssuer tokens,
        StationGenerations generations, IConfiguration configuration, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (map.FindPolres(stationId) is null && map.PolresOfPolsek(stationId) is null)
        {
            return Problems.NotFound($"{stationId} is not a Polres or Polsek in jurisdiction map {map.Version}.");
        }

        var amqp = new Uri(configuration.BusConnectionString());
        var virtualHost = amqp.AbsolutePath.Length > 1 ? Uri.UnescapeDataString(amqp.AbsolutePath[1..]) : "/";
        var username = $"station-{stationId}";
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var queue = StationQueues.QueueFor(stationId);

        // First, so that a failure below leaves the old token revoked rather than the new password with the old token.
        var generation = await generations.NextAsync(stationId, cancellationToken);
        await queues.EnsureStationQueueAsync(stationId, cancellationToken);
        await broker.PutUserAsync(username, password, cancellationToken);
        await broker.SetPermissionsAsync(virtualHost, username, configure: "^$", write: "^$", read: $"^{Regex.Escape(queue)}$", cancellationToken);
        await broker.CloseConnectionsOfAsync(username, cancellationToken);

        logs.CreateLogger("Polri110.Dispatch.Stations").LogInformation(
            "{Admin} issued station credentials for {StationId} (RabbitMQ user {Username}, generation {Generation})",
            Actors.Of(http), stationId, username, generation);
        var stationUri = new UriBuilder(amqp) { UserName = Uri.EscapeDataString(username), Password = "" }.Uri.ToString();
        var token = tokens.Issue($"station:{stationId}", Roles.Station, stationId, TokenLifetime, generation);
        return Results.Ok(new StationCredentials(stationUri, username, password, queue, token, DateTimeOffset.UtcNow + TokenLifetime));
    }
}
