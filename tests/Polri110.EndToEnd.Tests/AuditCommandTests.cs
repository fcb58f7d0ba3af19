using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests;

/// <summary>The auditors' command line (services/Audit) against the running system.</summary>
[Collection(SystemCollection.Name)]
public class AuditCommandTests(Polri110System system)
{
    [Fact]
    public async Task An_auditor_verifies_and_exports_a_report_and_the_command_names_one_altered_behind_the_systems_back()
    {
        var reportId = await system.PostReportAsync(SampleReports.Theft("52.71.01", "Audit command: dompet hilang di pasar"));
        var summary = await system.WaitForTrackingAsync(reportId, "forwarded");
        var polres = summary.GetProperty("polresId").GetString()!;
        await Eventually.TrueAsync(
            async () => await AuditAsync("verify", reportId.ToString()) is { ExitCode: 0 } verified && verified.Output.Contains("\"sealed\": 2"),
            TimeSpan.FromSeconds(30), "both events to be sealed");

        var export = await AuditAsync("export", reportId.ToString());
        var exported = JsonDocument.Parse(export.Output).RootElement;
        Assert.Equal(0, export.ExitCode);
        Assert.Equal(new[] { "ReportReceived", "ReportForwarded" }, exported.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray());
        Assert.True(exported.GetProperty("verification").GetProperty("intact").GetBoolean());
        var all = await AuditAsync("verify-all", "--polres", polres);
        Assert.Equal(0, all.ExitCode);
        Assert.Contains(" 0 broken.", all.Output);

        await using (var connection = new NpgsqlConnection(system.Database.AsSuperuser))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand("SET session_replication_role = replica", connection).ExecuteNonQueryAsync();
            await using var tamper = new NpgsqlCommand("UPDATE polri110.mt_events SET data = jsonb_set(data, '{regionCode}', '\"52.71.02\"') WHERE stream_id = @id AND version = 2", connection);
            tamper.Parameters.AddWithValue("id", reportId);
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var afterTampering = await AuditAsync("verify-all", "--polres", polres);
        Assert.Equal(1, afterTampering.ExitCode);
        Assert.Contains($"BROKEN {reportId}", afterTampering.Output);
        Assert.Equal(1, (await AuditAsync("verify", reportId.ToString())).ExitCode);
    }

    [Fact]
    public async Task Without_a_token_or_with_a_bad_report_id_the_command_explains_its_usage()
    {
        var noToken = await AuditWithTokenAsync(null, "verify", Guid.NewGuid().ToString());
        var badId = await AuditAsync("verify", "not-a-report");
        var operatorToken = await AuditWithTokenAsync(TestTokens.For(Roles.Operator), "verify", Guid.NewGuid().ToString());

        Assert.Equal(2, noToken.ExitCode);
        Assert.Contains("usage:", noToken.Output);
        Assert.Equal(2, badId.ExitCode);
        Assert.Contains("not a report id", badId.Output);
        Assert.Equal(3, operatorToken.ExitCode);
        Assert.Contains("403", operatorToken.Output);
    }

    private Task<(int ExitCode, string Output)> AuditAsync(params string[] args) => AuditWithTokenAsync(TestTokens.For(Roles.Auditor), args);

    private async Task<(int ExitCode, string Output)> AuditWithTokenAsync(string? token, params string[] args)
    {
        var binaries = Path.Combine(TestPaths.RepositoryRoot(), "services", "Audit", "bin", ServiceProcess.BuildConfiguration(), "net10.0");
        var start = new ProcessStartInfo("dotnet", ["Polri110.Audit.dll", .. args])
        {
            WorkingDirectory = binaries,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["POLRI110_TRACKING"] = system.AddressOf("Tracking").ToString();
        if (token is not null)
        {
            start.Environment["POLRI110_TOKEN"] = token;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
