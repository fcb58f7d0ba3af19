using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.Tracking.Tests;

/// <summary>
/// SPEC §11, least privilege: the services connect as a role that can read and write rows but cannot alter history.
/// Tracking's database holds every kind of audit record (events, seals, the log of personal-data readings).
/// </summary>
public class StoreProtectionTests(ServiceHost<Program> tracking) : IClassFixture<ServiceHost<Program>>
{
    [Theory]
    [InlineData("ALTER TABLE polri110.mt_events DISABLE TRIGGER ALL")]
    [InlineData("ALTER TABLE polri110.mt_events DISABLE TRIGGER polri110_append_only")]
    [InlineData("ALTER TABLE polri110.mt_events ADD COLUMN approved_by text")]
    [InlineData("DROP TABLE polri110.mt_events")]
    [InlineData("DROP TRIGGER polri110_append_only ON polri110.mt_events")]
    [InlineData("TRUNCATE polri110.mt_events")]
    [InlineData("UPDATE polri110.mt_events SET data = data || '{\"approvedBy\": \"kapolres\"}' WHERE stream_id = @id")]
    [InlineData("DELETE FROM polri110.mt_events WHERE stream_id = @id")]
    [InlineData("DELETE FROM polri110.mt_streams WHERE id = @id")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("CREATE OR REPLACE FUNCTION polri110.refuse_changes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$")]
    [InlineData("CREATE TABLE polri110.shadow_events (id uuid)")]
    [InlineData("SELECT setval('polri110.mt_events_sequence', 1)")]
    [InlineData("DELETE FROM polri110.mt_doc_reportseal WHERE id = @id")]
    [InlineData("TRUNCATE polri110.mt_doc_reportseal")]
    [InlineData("UPDATE polri110.mt_doc_personaldataread SET data = data WHERE id IS NOT NULL OR @id IS NOT NULL")]
    [InlineData("DELETE FROM polri110.mt_doc_personaldataread WHERE id IS NOT NULL OR @id IS NOT NULL")]
    public async Task Given_the_services_role_When_it_tries_to_alter_history_Then_the_database_refuses(string change)
    {
        var reportId = await SealedReportAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(tracking.Database.AsService, change, reportId));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.True((await VerifyAsync(reportId)).GetProperty("intact").GetBoolean());
    }

    [Theory]
    [InlineData("UPDATE polri110.mt_doc_reportseal SET data = jsonb_set(data, '{hashes,0}', '\"0000\"') WHERE id = @id")]
    [InlineData("UPDATE polri110.mt_doc_reportseal SET data = jsonb_set(data, '{hashes}', (data->'hashes') - 2) WHERE id = @id")]
    [InlineData("UPDATE polri110.mt_doc_reportseal SET data = jsonb_set(data, '{hashes}', '[]') WHERE id = @id")]
    [InlineData("UPDATE polri110.mt_doc_reportseal SET data = jsonb_set(data, '{id}', to_jsonb(gen_random_uuid())) WHERE id = @id")]
    [InlineData("UPDATE polri110.mt_doc_reportseal SET id = gen_random_uuid() WHERE id = @id")]
    public async Task Given_a_sealed_report_When_the_services_role_rewrites_its_seals_Then_the_database_refuses(string rewrite)
    {
        var reportId = await SealedReportAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(tracking.Database.AsService, rewrite, reportId));

        Assert.Contains("may only grow", refused.MessageText);
    }

    [Fact]
    public async Task Given_a_sealed_report_When_its_seals_only_grow_Then_the_database_lets_the_sealer_extend_them()
    {
        var reportId = await SealedReportAsync();
        await using var connection = new NpgsqlConnection(tracking.Database.AsService);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var grow = new NpgsqlCommand(
            "UPDATE polri110.mt_doc_reportseal SET data = jsonb_set(data, '{hashes}', (data->'hashes') || '[\"next\"]') WHERE id = @id",
            connection, transaction);
        grow.Parameters.AddWithValue("id", reportId);

        Assert.Equal(1, await grow.ExecuteNonQueryAsync());
        await transaction.RollbackAsync(); // a made-up hash must not stay: it would break the chain
    }

    [Fact]
    public async Task Given_the_auditors_role_When_it_reads_and_then_writes_Then_it_may_only_read()
    {
        var reportId = await SealedReportAsync();
        await using var connection = new NpgsqlConnection(tracking.Database.AsAuditor);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT count(*) FROM polri110.mt_events WHERE stream_id = @id", connection);
        read.Parameters.AddWithValue("id", reportId);

        Assert.Equal(3L, await read.ExecuteScalarAsync());
        foreach (var write in new[]
                 {
                     "INSERT INTO polri110.mt_doc_reportsummary SELECT * FROM polri110.mt_doc_reportsummary WHERE id = @id",
                     "UPDATE polri110.mt_doc_reportsummary SET data = data WHERE id = @id",
                     "DELETE FROM polri110.mt_doc_reportsummary WHERE id = @id",
                 })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(tracking.Database.AsAuditor, write, reportId));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
    }

    [Fact]
    public async Task Given_the_owners_credential_When_a_service_is_started_with_it_Then_it_refuses_to_run()
    {
        await using var asOwner = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:Polri110", tracking.Database.AsOwner);
            host.UseSetting("ConnectionStrings:RabbitMq", tracking.AmqpUri);
            foreach (var (key, value) in TestTokens.ServiceSettings)
            {
                host.UseSetting(key, value);
            }
        });

        var refused = Assert.ThrowsAny<Exception>(() => asOwner.CreateClient());

        Assert.Contains("could alter history", refused.ToString());
    }

    private async Task<Guid> SealedReportAsync()
    {
        var reportId = Guid.CreateVersion7();
        await tracking.AppendAsync(reportId, TestEvents.Received(reportId), TestEvents.Forwarded(reportId));
        await tracking.AppendAsync(reportId, new ReportAcknowledged(
            reportId, "polres-metro-tangerang-kota", new Officer("87010123", "Bripka Andi"), "87010123", DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(
            async () => (await VerifyAsync(reportId)).GetProperty("sealed").GetInt32() == 3, TimeSpan.FromSeconds(30), "all three events to be sealed");
        // A reading of its personal data, so that the log of readings has a row to protect.
        Assert.Equal(HttpStatusCode.OK, (await tracking.As(Roles.Auditor).GetAsync($"/api/reports/{reportId}/history")).StatusCode);
        return reportId;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, Guid reportId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("@id"))
        {
            command.Parameters.AddWithValue("id", reportId);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<JsonElement> VerifyAsync(Guid reportId) =>
        await tracking.As(Roles.Auditor).GetFromJsonAsync<JsonElement>($"/api/audit/verify?reportId={reportId}");
}
