using Marten.Events.Aggregation;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Privacy;

namespace Polri110.Intake.Callers;

/// <summary>
/// One recorded call, as Intake's indexes need it: the per-caller index behind <c>GET /api/callers/{phone}/history</c>
/// (found by <see cref="CallerKey"/>, a keyed hash of the normalised number) and the place-and-category index behind
/// <c>GET /api/reports/{id}/possible-duplicates</c>. Holds no name or number.
/// </summary>
public sealed record CallerCall
{
    public Guid Id { get; init; }

    public required string CallerKey { get; init; }

    public required string TrackingCode { get; init; }

    /// <summary>As recorded on the line.</summary>
    public CallType RecordedAs { get; init; }

    public string? Category { get; init; }

    /// <summary>The Kemendagri district (kecamatan) code of the place, when the place is known that precisely.</summary>
    public string? District { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Status and flag, from the one lifecycle fold every read model shares.</summary>
    public required ReportLifecycle Lifecycle { get; init; }

    /// <summary>What the call counts as in the caller's history: a flagged incident counts as the prank it was.</summary>
    public CallType CountsAs => Lifecycle.FlaggedAs is { } kind ? Reports.CallTypes.Of(kind) : RecordedAs;

    /// <summary>36.71.01.1001 and 36.71.01 are in district 36.71.01; 36.71 names no district.</summary>
    public static string? DistrictOf(string? regionCode) =>
        regionCode?.Split('.') is { Length: >= 3 } parts ? string.Join('.', parts[..3]) : null;
}

/// <summary>
/// Kept by Intake's async daemon from every report's whole stream, so statuses set by the other services (forwarded,
/// resolved, closed) and flags set by stations show in the history too.
/// </summary>
public sealed class CallerCallProjection(CallerKey callerKey) : SingleStreamProjection<CallerCall, Guid>
{
    public CallerCall Create(ReportReceived e) => new()
    {
        Id = e.ReportId,
        // Reports recorded before numbers were normalised are filed under the normalised number all the same.
        CallerKey = callerKey.Of(PhoneNumbers.TryNormalise(e.Caller.Phone, out var phone) ? phone : e.Caller.Phone),
        TrackingCode = e.TrackingCode,
        RecordedAs = e.CallType,
        Category = e.Category,
        District = CallerCall.DistrictOf(e.Location.RegionCode),
        ReceivedAt = e.OccurredAt,
        Lifecycle = ReportLifecycle.Begin(e),
    };

    public static CallerCall Apply(ReportForwarded e, CallerCall call) => call with { Lifecycle = call.Lifecycle.Then(e) };

    public static CallerCall Apply(ReportRoutingFailed e, CallerCall call) => call with { Lifecycle = call.Lifecycle.Then(e) };

    public static CallerCall Apply(ReportAcknowledged e, CallerCall call) => call with { Lifecycle = call.Lifecycle.Then(e) };

    public static CallerCall Apply(ReportAssigned e, CallerCall call) => call with { Lifecycle = call.Lifecycle.Then(e) };

    public static CallerCall Apply(ReportRejected e, CallerCall call) => call with { Lifecycle = call.Lifecycle.Then(e) };

    public static CallerCall Apply(ReportResolved e, CallerCall call) => call with { Lifecycle = call.Lifecycle.Then(e) };

    public static CallerCall Apply(ReportClosed e, CallerCall call) => call with { Lifecycle = call.Lifecycle.Then(e) };

    public static CallerCall Apply(ReportReopened e, CallerCall call) => call with { Lifecycle = call.Lifecycle.Then(e) };

    public static CallerCall Apply(ReportFlaggedAsPrank e, CallerCall call) => call with { Lifecycle = call.Lifecycle.Then(e) };

    public static CallerCall Apply(ReportLinkedAsDuplicate e, CallerCall call) => call with { Lifecycle = call.Lifecycle.Then(e) };

    public static CallerCall Apply(ReportUnlinked e, CallerCall call) => call with { Lifecycle = call.Lifecycle.Then(e) };
}
