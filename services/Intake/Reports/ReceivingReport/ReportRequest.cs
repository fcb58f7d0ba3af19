namespace Polri110.Intake.Reports.ReceivingReport;

/// <summary>The body of <c>POST /api/reports</c> (SPEC §7). Everything is nullable so that missing fields are reported, not defaulted.</summary>
/// <param name="CallType">incident (when absent), prank, silent, misdial, abusive or information.</param>
public sealed record ReportRequest(
    CallerRequest? Caller,
    LocationRequest? Location,
    string? Category,
    string? Description,
    DateTimeOffset? OccurredAt,
    string? CallType = null);

public sealed record CallerRequest(string? Phone, string? Name);

public sealed record LocationRequest(string? RegionCode, string? Address, double? Latitude, double? Longitude);
