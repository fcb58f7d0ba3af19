using Marten.Events.Aggregation;
using Polri110.Contracts;
using Polri110.ServiceDefaults.Privacy;

namespace Polri110.Intake.Callers;

/// <summary>
/// One call in a caller's history: the per-caller index behind <c>GET /api/callers/{phone}/history</c>. Found by
/// <see cref="CallerKey"/> (a keyed hash of the normalised number); holds no name or number.
/// </summary>
public sealed record CallerCall
{
    public Guid Id { get; init; }

    public required string CallerKey { get; init; }

    public required string TrackingCode { get; init; }

    /// <summary>As recorded on the line.</summary>
    public CallType RecordedAs { get; init; }

    public string? Category { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Status and flag, from the one lifecycle fold every read model shares.</summary>
    public required ReportLifecycle Lifecycle { get; init; }

    /// <summary>What the call counts as in the caller's history: a flagged incident counts as the prank it was.</summary>
    public CallType CountsAs => Lifecycle.FlaggedAs is { } kind ? Reports.CallTypes.Of(kind) : RecordedAs;
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
