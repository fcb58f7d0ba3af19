using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Tracking.Tests;

/// <summary>Every committed event is sealed into its report's hash chain; an auditor's check finds any later change.</summary>
public class ChainVerificationTests(ServiceHost<Program> tracking) : IClassFixture<ServiceHost<Program>>
{
    [Fact]
    public async Task Given_an_untouched_report_When_verified_Then_every_event_matches_its_seal()
    {
        var reportId = await SealedReportAsync();

        var result = await VerifyAsync(reportId);

        Assert.True(result.GetProperty("intact").GetBoolean());
        Assert.Equal(3, result.GetProperty("sealed").GetInt32());
        Assert.Equal(64, result.GetProperty("head").GetString()!.Length);
    }

    [Theory]
    [InlineData("UPDATE polri110.mt_events SET data = jsonb_set(data, '{description}', '\"Tidak ada apa-apa\"') WHERE stream_id = @id AND version = 1", 1)]
    [InlineData("UPDATE polri110.mt_events SET data = data || '{\"approvedBy\": \"kapolres\"}' WHERE stream_id = @id AND version = 2", 2)]
    [InlineData("UPDATE polri110.mt_events SET timestamp = timestamp - interval '1 hour' WHERE stream_id = @id AND version = 3", 3)]
    [InlineData("UPDATE polri110.mt_events SET user_name = 'someone-else' WHERE stream_id = @id AND version = 2", 2)]
    [InlineData("DELETE FROM polri110.mt_events WHERE stream_id = @id AND version = 2", 2)]
    [InlineData("DELETE FROM polri110.mt_events WHERE stream_id = @id AND version = 3", 3)]
    [InlineData("DELETE FROM polri110.mt_doc_reportseal WHERE id = @id", 1)] // seals gone behind the sealer
    [InlineData("UPDATE polri110.mt_doc_reportseal SET data = jsonb_set(data, '{hashes}', (data->'hashes') - 2) WHERE id = @id", 3)]
    public async Task Given_a_sealed_report_When_its_events_or_seals_are_altered_Then_verification_names_the_first_broken_version(string tampering, long brokenVersion)
    {
        var reportId = await SealedReportAsync();
        await using (var connection = new NpgsqlConnection(tracking.Database.AsSuperuser))
        {
            await connection.OpenAsync();
            // A superuser can switch the append-only trigger off for a session; the chain still tells.
            await new NpgsqlCommand("SET session_replication_role = replica", connection).ExecuteNonQueryAsync();
            await using var command = new NpgsqlCommand(tampering, connection);
            command.Parameters.AddWithValue("id", reportId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var result = await VerifyAsync(reportId);

        Assert.False(result.GetProperty("intact").GetBoolean());
        Assert.Equal(brokenVersion, result.GetProperty("firstBrokenVersion").GetInt64());
    }

    [Theory]
    [InlineData("UPDATE polri110.mt_events SET data = jsonb_set(data, '{description}', '\"Tidak ada apa-apa\"') WHERE stream_id = @id")]
    [InlineData("DELETE FROM polri110.mt_events WHERE stream_id = @id")]
    [InlineData("TRUNCATE polri110.mt_events")]
    [InlineData("DELETE FROM polri110.mt_doc_reportseal WHERE id = @id")]
    [InlineData("TRUNCATE polri110.mt_doc_reportseal")]
    [InlineData("UPDATE polri110.mt_doc_personaldataread SET data = data WHERE id IS NOT NULL OR @id IS NOT NULL")]
    [InlineData("DELETE FROM polri110.mt_doc_personaldataread WHERE id IS NOT NULL OR @id IS NOT NULL")]
    [InlineData("TRUNCATE polri110.mt_doc_personaldataread")]
    public async Task The_store_refuses_to_change_or_remove_committed_events_seals_and_the_reading_log(string change)
    {
        var reportId = await SealedReportAsync();
        Assert.Equal(HttpStatusCode.OK, (await tracking.As(Roles.Auditor).GetAsync($"/api/reports/{reportId}/history")).StatusCode); // a reading to protect
        await using var connection = new NpgsqlConnection(tracking.Database.AsSuperuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(change, connection);
        command.Parameters.AddWithValue("id", reportId);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("append-only", refused.MessageText);
        Assert.True((await VerifyAsync(reportId)).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task An_event_the_daemon_never_delivered_is_sealed_from_the_stream_when_the_next_one_arrives()
    {
        var reportId = Guid.CreateVersion7();
        await tracking.AppendAsync(reportId, TestEvents.Received(reportId));
        await Eventually.TrueAsync(async () => (await VerifyAsync(reportId)).GetProperty("sealed").GetInt32() == 1, TimeSpan.FromSeconds(30), "version 1 to be sealed");

        // Version 2 committed with a sequence number the sealer has long passed: what happens to an event whose
        // sequence gap the daemon skipped before it committed.
        await using (var connection = new NpgsqlConnection(tracking.Database.AsSuperuser))
        {
            await connection.OpenAsync();
            await using var late = new NpgsqlCommand("""
                INSERT INTO polri110.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
                SELECT -(SELECT count(*) + 1 FROM polri110.mt_events), gen_random_uuid(), stream_id, 2, data, type, now(), tenant_id, mt_dotnet_type, false
                FROM polri110.mt_events WHERE stream_id = @id AND version = 1;
                UPDATE polri110.mt_streams SET version = 2 WHERE id = @id;
                """, connection);
            late.Parameters.AddWithValue("id", reportId);
            await late.ExecuteNonQueryAsync();
        }

        await tracking.AppendAsync(reportId, TestEvents.Forwarded(reportId));
        var result = await Eventually.GetAsync<JsonElement?>(
            async () => await VerifyAsync(reportId) is var verification && verification.GetProperty("sealed").GetInt32() == 3 ? verification : null,
            TimeSpan.FromSeconds(30), "versions 2 and 3 to be sealed") ?? default;

        Assert.True(result.GetProperty("intact").GetBoolean(), result.ToString());
    }

    private async Task<Guid> SealedReportAsync()
    {
        var reportId = Guid.CreateVersion7();
        await tracking.AppendAsync(reportId, TestEvents.Received(reportId), TestEvents.Forwarded(reportId));
        await tracking.AppendAsync(reportId, new ReportAcknowledged(reportId, "polres-metro-tangerang-kota", new Officer("87010123", "Bripka Andi"), "87010123", DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(
            async () => (await VerifyAsync(reportId)).GetProperty("sealed").GetInt32() == 3, TimeSpan.FromSeconds(30), "all three events to be sealed");
        return reportId;
    }

    private async Task<JsonElement> VerifyAsync(Guid reportId) =>
        await tracking.As(Roles.Auditor).GetFromJsonAsync<JsonElement>($"/api/audit/verify?reportId={reportId}");
}
