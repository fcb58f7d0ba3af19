namespace Polri110.Contracts;

/// <summary>A report's status as every read model and console shows it (SPEC §4, "One lifecycle").</summary>
public static class ReportStatus
{
    public const string Received = "received";
    public const string RoutingFailed = "routing-failed";
    public const string Forwarded = "forwarded";
    public const string Acknowledged = "acknowledged";
    public const string Assigned = "assigned";
    public const string Rejected = "rejected";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
    public const string FlaggedAsPrank = "flagged-as-prank";
    public const string Duplicate = "duplicate";
}
