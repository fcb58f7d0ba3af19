using System.Text.Json;

namespace Polri110.Console.Api;

// What the console reads from the services' answers (SPEC §7), only the fields its pages show.
// Statuses, call types and priorities stay strings: a value the console does not know yet is still shown.

public sealed record ReportCreated(Guid ReportId, string TrackingCode, string Priority, DateTimeOffset ReceivedAt, string CallType);

public sealed record RegionMatch(string Code, string Name, string Level, string Path);

public sealed record CallerHistoryEntry(
    Guid ReportId, string TrackingCode, string CallType, string? FlaggedAs, string Status, string? Category, DateTimeOffset ReceivedAt);

public sealed record CallCounts(int Total, int Incident, int Prank, int Silent, int Misdial, int Abusive, int Information);

public sealed record CallerHistory(
    string Phone, IReadOnlyList<CallerHistoryEntry> Reports, CallCounts Counts, int RecentPrankOrAbusive, bool RepeatPrankCaller);

public sealed record PossibleDuplicate(
    Guid ReportId,
    string TrackingCode,
    string? Category,
    string Status,
    DateTimeOffset ReceivedAt,
    double MinutesApart,
    IReadOnlyList<string> Reasons);

public sealed record EscalationRecord(int Level, string? EscalatedTo, string? MissedDeadline, DateTimeOffset At);

public sealed record ReportSummary(
    Guid Id,
    string TrackingCode,
    string Status,
    string? CallType,
    string? Category,
    string? Priority,
    string? RegionCode,
    string? PolresId,
    string? PolresName,
    string? PoldaId,
    string? PoldaName,
    string? Owner,
    string? Outcome,
    string? FlaggedAs,
    Guid? DuplicateOf,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset LastChangedAt,
    DateTimeOffset? AcknowledgeBy,
    IReadOnlyList<EscalationRecord>? Escalations);

public sealed record ReportSummaryPage(IReadOnlyList<ReportSummary> Items, int Page, int PageSize, long Total);

public sealed record HistoryEntry(
    long Version, long Sequence, Guid EventId, string Type, DateTimeOffset Timestamp, string? Actor, JsonElement Data);

public sealed record ChainVerdict(Guid? ReportId, bool Intact, int Events, int Sealed, long? FirstBrokenVersion, string? Detail);

public sealed record StationLocation(string? RegionCode, string? Address);

public sealed record StationReport(
    Guid Id,
    string? PolresId,
    string? PolsekId,
    string TrackingCode,
    string Priority,
    string? Category,
    string? Description,
    StationLocation Location,
    string Status,
    string? Owner,
    bool OpenAtStation,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AcknowledgeBy,
    DateTimeOffset? ResolveBy,
    int EscalationLevel);

public sealed record StationPerformance(
    string PolresId,
    int Reports,
    int OpenReports,
    int Acknowledged,
    double? ShareAcknowledgedWithinSla,
    double? MedianSecondsToAcknowledge,
    double? P90SecondsToAcknowledge,
    int Resolved,
    double? MedianSecondsToResolve);

public sealed record TriageEntry(
    Guid Id,
    string TrackingCode,
    string? Category,
    string Priority,
    string? Description,
    string? RegionCode,
    DateTimeOffset ReceivedAt,
    string? Reason);

public sealed record StationCredentials(
    string AmqpUri, string Username, string Password, string Queue, string Token, DateTimeOffset TokenExpiresAt);
