using System.Linq.Expressions;
using Marten;
using Polri110.Contracts;
using Polri110.Intake.Callers;
using Polri110.ServiceDefaults.Privacy;

namespace Polri110.Intake.Reports.LinkingDuplicates;

/// <param name="Reasons">same-place-and-category (same district and category within 60 minutes), same-caller (within 24 hours).</param>
public sealed record PossibleDuplicate(
    Guid ReportId, string TrackingCode, string? Category, string Status, DateTimeOffset ReceivedAt, double MinutesApart, IReadOnlyList<string> Reasons);

/// <summary>
/// Reports that may be the same incident as a given one, best first: both reasons before one, then nearest in time.
/// Served from Intake's call index (by district and by caller key), never a scan of all reports; only incidents that are
/// not themselves duplicates are offered, since a link goes to the primary.
/// </summary>
public static class PossibleDuplicates
{
    public const string SamePlace = "same-place-and-category";
    public const string SameCaller = "same-caller";
    private static readonly TimeSpan PlaceWindow = TimeSpan.FromMinutes(60), CallerWindow = TimeSpan.FromHours(24);

    public static async Task<IReadOnlyList<PossibleDuplicate>> FindAsync(
        IQuerySession session, ReportReceived report, CallerKey callerKey, CancellationToken cancellationToken)
    {
        var at = report.OccurredAt;
        var district = CallerCall.DistrictOf(report.Location.RegionCode);
        var samePlace = district is null || report.Category is null
            ? []
            : await NearestAsync(
                session, report, call => call.District == district && call.Category == report.Category, PlaceWindow, cancellationToken);
        var key = callerKey.Of(PhoneNumbers.TryNormalise(report.Caller.Phone, out var phone) ? phone : report.Caller.Phone);
        var sameCaller = await NearestAsync(session, report, call => call.CallerKey == key, CallerWindow, cancellationToken);

        var (placeIds, callerIds) = (samePlace.Select(call => call.Id).ToHashSet(), sameCaller.Select(call => call.Id).ToHashSet());
        IReadOnlyList<string> ReasonsFor(Guid id) =>
            new[] { placeIds.Contains(id) ? SamePlace : null, callerIds.Contains(id) ? SameCaller : null }.OfType<string>().ToList();

        return samePlace.Concat(sameCaller)
            .DistinctBy(call => call.Id)
            .Select(call => new PossibleDuplicate(
                call.Id, call.TrackingCode, call.Category, call.Lifecycle.Status, call.ReceivedAt,
                Math.Round(Math.Abs((call.ReceivedAt - at).TotalMinutes), 1), ReasonsFor(call.Id)))
            .OrderByDescending(candidate => candidate.Reasons.Count)
            .ThenBy(candidate => candidate.MinutesApart)
            .ToList();
    }

    /// <summary>
    /// The incidents that match, other than the report and not themselves linked as duplicates, nearest in time first:
    /// at most 50 received before the report and 50 after, within the window either side. Offered from the nearest, so
    /// that a busy district (more than a hundred thefts an hour) or a caller with many calls never hides the closest ones.
    /// </summary>
    private static async Task<IReadOnlyList<CallerCall>> NearestAsync(
        IQuerySession session, ReportReceived report, Expression<Func<CallerCall, bool>> matches, TimeSpan window,
        CancellationToken cancellationToken)
    {
        var (at, from, to) = (report.OccurredAt, report.OccurredAt - window, report.OccurredAt + window);
        var candidates = session.Query<CallerCall>().Where(matches)
            .Where(call => call.Id != report.ReportId && call.RecordedAs == CallType.Incident && call.Lifecycle.DuplicateOf == null);
        var before = await candidates.Where(call => call.ReceivedAt >= from && call.ReceivedAt <= at)
            .OrderByDescending(call => call.ReceivedAt).Take(50).ToListAsync(cancellationToken);
        var after = await candidates.Where(call => call.ReceivedAt > at && call.ReceivedAt <= to)
            .OrderBy(call => call.ReceivedAt).Take(50).ToListAsync(cancellationToken);
        return [.. before, .. after];
    }
}
