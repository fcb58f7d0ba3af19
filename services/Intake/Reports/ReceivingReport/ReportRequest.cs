namespace Polri110.Intake.Reports.ReceivingReport;

/// <summary>The body of <c>POST /api/reports</c> (SPEC §7). Everything is nullable so that missing fields are reported, not defaulted.</summary>
public sealed record ReportRequest(
    CallerRequest? Caller,
    LocationRequest? Location,
    string? Category,
    string? Description,
    DateTimeOffset? OccurredAt);

public sealed record CallerRequest(string? Phone, string? Name);

public sealed record LocationRequest(string? RegionCode, string? Address, double? Latitude, double? Longitude);
