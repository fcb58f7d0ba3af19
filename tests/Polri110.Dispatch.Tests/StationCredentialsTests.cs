using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Polri110.Dispatch.Tests;

/// <summary>A station desk that is not MassTransit: plain RabbitMQ.Client with the credentials an admin issued.</summary>
public class StationCredentialsTests(ServiceHost<Program> dispatch) : IClassFixture<ServiceHost<Program>>
{
    private const string Station = "polres-metro-tangerang-kota";

    // Never issued credentials here, so that its token of generation 0 stays good whatever the order of the tests.
    private const string OtherStation = "polresta-tangerang";

    [Fact]
    public async Task Issued_credentials_read_the_station_queue_and_nothing_else_and_rotation_revokes_the_old_password_and_its_sessions()
    {
        var credentials = await IssueAsync(Station);
        await IssueAsync("polres-bantul"); // so the other station's queue exists
        Assert.Equal($"dispatch.{Station}", credentials.GetProperty("queue").GetString());
        Assert.DoesNotContain(credentials.GetProperty("password").GetString()!, credentials.GetProperty("amqpUri").GetString());

        var reportId = Guid.CreateVersion7();
        var forwarded = TestEvents.Forwarded(reportId);
        var eventIds = await dispatch.AppendAsync(reportId, TestEvents.Received(reportId), forwarded);
        await dispatch.PublishAsync(forwarded, eventIds[1]);

        await using var connection = await ConnectAsync(credentials, credentials.GetProperty("password").GetString()!);
        await using var channel = await connection.CreateChannelAsync();
        var delivery = await Eventually.GetAsync(
            async () => await channel.BasicGetAsync($"dispatch.{Station}", autoAck: true), TimeSpan.FromSeconds(30), "the report in the station's own queue");
        Assert.Equal(reportId, JsonDocument.Parse(delivery.Body).RootElement.GetProperty("reportId").GetGuid());

        await using (var other = await connection.CreateChannelAsync())
        {
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => other.BasicGetAsync("dispatch.polres-bantul", autoAck: true));
            Assert.Equal((ushort)403, refused.ShutdownReason?.ReplyCode);
        }

        await using (var other = await connection.CreateChannelAsync())
        {
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => other.QueueDeclareAsync("station-made-queue", false, false, true));
            Assert.Equal((ushort)403, refused.ShutdownReason?.ReplyCode);
        }

        var rotated = await IssueAsync(Station);
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => ConnectAsync(credentials, credentials.GetProperty("password").GetString()!));
        await Eventually.TrueAsync(() => Task.FromResult(!connection.IsOpen), TimeSpan.FromSeconds(10), "the session opened with the old password to be closed");
        await using var renewed = await ConnectAsync(rotated, rotated.GetProperty("password").GetString()!);
        Assert.True(renewed.IsOpen);
    }

    [Fact]
    public async Task The_issued_token_works_for_the_station_own_reports_only()
    {
        var token = (await IssueAsync(Station)).GetProperty("token").GetString();

        Assert.Equal(HttpStatusCode.OK, await AccessChecks.StatusAsync(dispatch.Anonymous, HttpMethod.Get, $"/api/stations/{Station}/reports?status=open", token));
        Assert.Equal(HttpStatusCode.Forbidden, await AccessChecks.StatusAsync(dispatch.Anonymous, HttpMethod.Get, "/api/stations/polres-bantul/reports", token));
    }

    [Theory]
    [InlineData(Roles.Operator, Station, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Station, OtherStation, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Admin, "polres-atlantis", HttpStatusCode.NotFound)]
    public async Task Only_admins_issue_credentials_and_only_for_real_Polres(string role, string polresId, HttpStatusCode expected) =>
        Assert.Equal(expected, await AccessChecks.StatusAsync(
            dispatch.Anonymous, HttpMethod.Post, $"/api/admin/stations/{polresId}/credentials",
            TestTokens.For(role, role == Roles.Station ? polresId : null)));

    private async Task<JsonElement> IssueAsync(string polresId)
    {
        var response = await dispatch.As(Roles.Admin).PostAsync($"/api/admin/stations/{polresId}/credentials", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<IConnection> ConnectAsync(JsonElement credentials, string password) =>
        new ConnectionFactory
        {
            Uri = new Uri(credentials.GetProperty("amqpUri").GetString()!),
            UserName = credentials.GetProperty("username").GetString()!,
            Password = password,
            AutomaticRecoveryEnabled = false,
        }.CreateConnectionAsync();
}
