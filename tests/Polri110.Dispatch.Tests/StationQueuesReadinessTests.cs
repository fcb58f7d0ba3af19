using System.Net.Http.Json;
using System.Text.Json;
using Polri110.Testing;

namespace Polri110.Dispatch.Tests;

/// <summary>
/// A restarted Dispatch must not spend its first delivery opening the station queues' connection (0.5-2.8 s after
/// kill -9, while the backlog waited): it is ready only once that connection is open. Its own fixture, so that no
/// report has been delivered when the test looks.
/// </summary>
public class StationQueuesReadinessTests(ServiceHost<Program> dispatch) : IClassFixture<ServiceHost<Program>>
{
    [Fact]
    public async Task Given_Dispatch_reported_ready_When_no_report_was_delivered_yet_Then_its_connection_to_the_station_queues_is_open()
    {
        var vhost = Uri.UnescapeDataString(new Uri(dispatch.AmqpUri).AbsolutePath.TrimStart('/'));
        using var http = TestServers.ManagementClient(TestServers.BrokerManagement, TestServers.BrokerServer.UserInfo);

        await Eventually.TrueAsync(
            async () =>
            {
                var connections = await http.GetFromJsonAsync<JsonElement>($"/api/vhosts/{Uri.EscapeDataString(vhost)}/connections");
                return connections.EnumerateArray().Any(connection =>
                    connection.GetProperty("client_properties").TryGetProperty("connection_name", out var name)
                    && name.GetString() == "polri110-dispatch-stations");
            },
            TimeSpan.FromSeconds(30),
            "the station queues' connection in the broker's list");
    }
}
