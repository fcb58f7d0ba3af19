using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Polri110.Dispatch.Tests;

/// <summary>The second hop (SPEC §6): a Polres assigns a report to one of its Polsek, which reads its own queue.</summary>
public class PolsekHopTests(ServiceHost<Program> dispatch) : IClassFixture<ServiceHost<Program>>
{
    private const string Polres = "polres-metro-tangerang-kota";
    private const string Polsek = "polsek-36-71-01";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly Officer Andi = new("87010123", "Bripka Andi");

    [Fact]
    public async Task Given_a_Polsek_with_credentials_When_its_Polres_assigns_it_a_report_Then_it_reads_report_assigned_from_its_own_queue_and_may_resolve_it()
    {
        var credentials = await IssueAsync(Polsek);
        Assert.Equal($"dispatch.{Polsek}", credentials.GetProperty("queue").GetString());
        var reportId = Guid.CreateVersion7();
        var forwarded = TestEvents.Forwarded(reportId) with { SuggestedPolsekId = Polsek, SuggestedPolsekName = "Polsek Tangerang" };
        await dispatch.AppendAsync(reportId, TestEvents.Received(reportId), forwarded, new ReportAcknowledged(reportId, Polres, Andi, Andi.Nrp, DateTimeOffset.UtcNow));

        var assign = await dispatch.As(Roles.Station, Polres).PostAsJsonAsync(
            $"/api/stations/{Polres}/reports/{reportId}/assign", new { polsekId = Polsek, officer = new { nrp = "90010001", name = "Bripda Sari" } });
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        var assignedId = (await dispatch.StreamAsync(reportId))[^1].Id;
        await dispatch.PublishAsync((await dispatch.StreamAsync(reportId))[^1].Data, assignedId);

        // The Polsek's desk: plain AMQP with its own user, which reads its own queue and nothing else.
        await using var connection = await new ConnectionFactory
        {
            Uri = new Uri(credentials.GetProperty("amqpUri").GetString()!),
            UserName = credentials.GetProperty("username").GetString()!,
            Password = credentials.GetProperty("password").GetString()!,
            AutomaticRecoveryEnabled = false,
        }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var delivery = await Eventually.GetAsync(
            async () => await channel.BasicGetAsync($"dispatch.{Polsek}", autoAck: true), Patience, "report.assigned in the Polsek's queue");
        Assert.Equal("application/json", delivery.BasicProperties.ContentType);
        var message = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("report.assigned", message.GetProperty("type").GetString());
        Assert.Equal(reportId, message.GetProperty("reportId").GetGuid());
        Assert.Equal(Polsek, message.GetProperty("polsekId").GetString());
        Assert.Equal("90010001", message.GetProperty("assignedOfficer").GetProperty("nrp").GetString());
        Assert.Equal(Polres, message.GetProperty("polresId").GetString());
        Assert.Equal(assignedId.ToString(), message.GetProperty("messageId").GetString());
        await using (var other = await connection.CreateChannelAsync())
        {
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => other.BasicGetAsync($"dispatch.{Polres}", autoAck: true));
            Assert.Equal((ushort)403, refused.ShutdownReason?.ReplyCode);
        }

        // The token issued with its credentials: its own list and its own assigned reports, nothing of its Polres' other work.
        using var polsekDesk = dispatch.WithToken(credentials.GetProperty("token").GetString()!);
        await Eventually.TrueAsync(
            async () => (await polsekDesk.GetFromJsonAsync<JsonElement[]>($"/api/stations/{Polsek}/reports"))!.Any(r => r.GetProperty("id").GetGuid() == reportId),
            Patience, "the report in the Polsek's list");
        Assert.Equal(HttpStatusCode.Forbidden, (await polsekDesk.GetAsync($"/api/stations/{Polres}/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await polsekDesk.PostAsJsonAsync(
            $"/api/stations/{Polsek}/reports/{reportId}/reject", new { reason = "Bukan wilayah kami" })).StatusCode);
        var resolved = await polsekDesk.PostAsJsonAsync($"/api/stations/{Polsek}/reports/{reportId}/resolve", new { outcome = "recovered", summary = "Motor ditemukan" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var resolution = Assert.IsType<ReportResolved>((await dispatch.StreamAsync(reportId))[^1].Data);
        Assert.Equal(Polres, resolution.PolresId);
    }

    [Fact]
    public async Task A_Polsek_token_cannot_act_on_a_report_assigned_to_another_Polsek()
    {
        var reportId = Guid.CreateVersion7();
        await dispatch.AppendAsync(reportId, TestEvents.Received(reportId), TestEvents.Forwarded(reportId),
            new ReportAcknowledged(reportId, Polres, Andi, Andi.Nrp, DateTimeOffset.UtcNow),
            new ReportAssigned(reportId, Polres, "polsek-36-71-02", null, Andi.Nrp, DateTimeOffset.UtcNow));

        // Another Polsek than the one whose credentials the test above issues: this token is of generation 0.
        var response = await dispatch.As(Roles.Station, "polsek-36-71-03").PostAsJsonAsync(
            $"/api/stations/polsek-36-71-03/reports/{reportId}/resolve", new { outcome = "recovered", summary = "Motor ditemukan" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(4, (await dispatch.StreamAsync(reportId)).Count);
    }

    private async Task<JsonElement> IssueAsync(string stationId)
    {
        var response = await dispatch.As(Roles.Admin).PostAsync($"/api/admin/stations/{stationId}/credentials", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
