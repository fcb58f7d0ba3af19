using System.Security.Cryptography;
using System.Text.Json;

namespace Polri110.Intake.Reports.ReceivingReport;

/// <summary>
/// Remembers what an <c>Idempotency-Key</c> created, committed in the same transaction as the report,
/// so a retried POST (a dropped connection on a bad line) returns the same report instead of a second one.
/// </summary>
/// <param name="CallType">Null in records kept before call types existed: those were incidents.</param>
public sealed record IdempotencyRecord(
    string Id, string RequestHash, Guid ReportId, string TrackingCode, string Priority, DateTimeOffset ReceivedAt, string? CallType = null)
{
    public const string Header = "Idempotency-Key";

    public static string HashOf(ReportRequest request) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
}
