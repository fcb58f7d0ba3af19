using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests.LeastPrivilege;

/// <summary>
/// SPEC §11: no default broker password, and each service's broker user may do only what its topology needs
/// (deploy/rabbitmq/service-permissions.tsv). The whole system running under these users is proven by every
/// end-to-end test; these show what the users may not do.
/// </summary>
public sealed class BrokerUserTests : IAsyncLifetime
{
    private const string StationQueue = "dispatch.polres-metro-tangerang-kota";
    private string vhost = "";

    public async Task InitializeAsync()
    {
        vhost = await TestServers.CreateVirtualHostAsync("privilege");
        // What Dispatch and Routing would have declared: a station queue and the exchange of a Routing event.
        await using var admin = await new ConnectionFactory { Uri = new Uri(vhost) }.CreateConnectionAsync();
        await using var channel = await admin.CreateChannelAsync();
        await channel.QueueDeclareAsync(StationQueue, durable: true, exclusive: false, autoDelete: false);
        await channel.ExchangeDeclareAsync("Polri110.Contracts:ReportForwarded", ExchangeType.Fanout, durable: true);
    }

    [Fact]
    public async Task Given_a_running_broker_When_guest_connects_Then_it_is_refused()
    {
        var guest = new UriBuilder(vhost) { UserName = "guest", Password = "guest" }.Uri;

        var refused = await Assert.ThrowsAnyAsync<BrokerUnreachableException>(
            () => new ConnectionFactory { Uri = guest }.CreateConnectionAsync());

        Assert.IsType<AuthenticationFailureException>(refused.InnerException);
    }

    [Theory]
    [InlineData("polri110-intake")]
    [InlineData("polri110-dispatch")]
    [InlineData("polri110-tracking")]
    public async Task Given_a_service_that_does_not_own_ReportForwarded_When_it_publishes_one_Then_the_broker_refuses(string user)
    {
        await using var connection = await ConnectAsAsync(user);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await channel.BasicPublishAsync(
            "Polri110.Contracts:ReportForwarded", "", mandatory: false, new BasicProperties(), Encoding.UTF8.GetBytes("{}")));

        Assert.Contains("ACCESS_REFUSED", refused.ToString());
    }

    [Fact]
    public async Task Given_the_owner_of_ReportForwarded_When_it_publishes_one_Then_the_broker_accepts_it()
    {
        await using var connection = await ConnectAsAsync("polri110-routing");
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

        await channel.BasicPublishAsync("Polri110.Contracts:ReportForwarded", "", mandatory: false, new BasicProperties(), Encoding.UTF8.GetBytes("{}"));

        Assert.True(channel.IsOpen);
    }

    [Theory]
    [InlineData("polri110-intake")]
    [InlineData("polri110-routing")]
    [InlineData("polri110-tracking")]
    [InlineData("polri110-console")]
    [InlineData("polri110-dispatch")] // Dispatch delivers to the station queues; it never reads them
    public async Task Given_a_service_user_When_it_reads_a_station_queue_Then_the_broker_refuses(string user)
    {
        await using var connection = await ConnectAsAsync(user);
        await using var channel = await connection.CreateChannelAsync();

        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.BasicGetAsync(StationQueue, autoAck: true));

        Assert.Equal((ushort)403, refused.ShutdownReason!.ReplyCode);
    }

    private async Task<IConnection> ConnectAsAsync(string user) =>
        await new ConnectionFactory { Uri = new Uri(TestServers.AmqpUriAs(vhost, user)) }.CreateConnectionAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
