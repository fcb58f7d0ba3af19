using Marten;
using Microsoft.Extensions.Options;
using Polri110.Contracts;
using Polri110.Intake.Reports;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.Http;
using Polri110.ServiceDefaults.Privacy;

namespace Polri110.Intake.Callers;

public sealed record CallerHistoryEntry(
    Guid ReportId, string TrackingCode, string CallType, string? FlaggedAs, string Status, string? Category, DateTimeOffset ReceivedAt);

public sealed record CallCounts(int Total, int Incident, int Prank, int Silent, int Misdial, int Abusive, int Information);

/// <param name="Phone">The number as the history knows it, normalised.</param>
/// <param name="RecentPrankOrAbusive">Prank and abusive calls within the policy's window (30 days by default).</param>
public sealed record CallerHistory(
    string Phone, IReadOnlyList<CallerHistoryEntry> Reports, CallCounts Counts, int RecentPrankOrAbusive, bool RepeatPrankCaller);

public static class CallerHistoryEndpoint
{
    /// <summary>
    /// Every call from one number, newest first, in whichever spelling the number is given. Reading it is a personal-data
    /// read: it is recorded before anything is served.
    /// </summary>
    public static void MapCallerHistory(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/callers/{phone}/history", Handle)
            .WithName("GetCallerHistory")
            .RequireRole(Roles.Operator, Roles.Supervisor, Roles.Auditor)
            .Produces<CallerHistory>()
            .ProducesValidationProblem();

    private static async Task<IResult> Handle(
        string phone, HttpContext http, IDocumentSession session, CallerKey callerKey, IOptions<CallerHistoryPolicy> policy,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.TryNormalise(phone, out var normalised))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["phone"] = [PhoneNumbers.Rule] });
        }

        var key = callerKey.Of(normalised);
        await PersonalDataReads.RecordCallerAsync(http, session, key, "GET /api/callers/{phone}/history", clock, cancellationToken);
        var calls = await session.Query<CallerCall>()
            .Where(call => call.CallerKey == key)
            .OrderByDescending(call => call.ReceivedAt)
            .ToListAsync(cancellationToken);
        return Results.Ok(Summarise(normalised, calls, policy.Value, clock.GetUtcNow()));
    }

    /// <param name="calls">Newest first.</param>
    public static CallerHistory Summarise(string phone, IReadOnlyList<CallerCall> calls, CallerHistoryPolicy policy, DateTimeOffset now)
    {
        int Count(CallType type) => calls.Count(call => call.CountsAs == type);
        var recentPranks = calls.Count(call =>
            call.CountsAs is CallType.Prank or CallType.Abusive && call.ReceivedAt >= now - policy.RepeatPrankWindow);
        return new CallerHistory(
            phone,
            calls.Take(policy.MaxListed)
                .Select(call => new CallerHistoryEntry(
                    call.Id, call.TrackingCode, CallTypes.NameOf(call.CountsAs),
                    call.Lifecycle.FlaggedAs is { } kind ? CallTypes.NameOf(kind) : null, call.Lifecycle.Status, call.Category, call.ReceivedAt))
                .ToList(),
            new CallCounts(
                calls.Count, Count(CallType.Incident), Count(CallType.Prank), Count(CallType.Silent), Count(CallType.Misdial),
                Count(CallType.Abusive), Count(CallType.Information)),
            recentPranks,
            recentPranks >= policy.RepeatPrankThreshold);
    }
}
