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
        var (placeFrom, placeTo, callerFrom, callerTo) = (at - PlaceWindow, at + PlaceWindow, at - CallerWindow, at + CallerWindow);
        var district = CallerCall.DistrictOf(report.Location.RegionCode);
        var samePlace = district is null || report.Category is null
            ? []
            : await session.Query<CallerCall>()
                .Where(call => call.District == district && call.Category == report.Category
                               && call.ReceivedAt >= placeFrom && call.ReceivedAt <= placeTo)
                .Take(100)
                .ToListAsync(cancellationToken);
        var key = callerKey.Of(PhoneNumbers.TryNormalise(report.Caller.Phone, out var phone) ? phone : report.Caller.Phone);
        var sameCaller = await session.Query<CallerCall>()
            .Where(call => call.CallerKey == key && call.ReceivedAt >= callerFrom && call.ReceivedAt <= callerTo)
            .Take(100)
            .ToListAsync(cancellationToken);

        var (placeIds, callerIds) = (samePlace.Select(call => call.Id).ToHashSet(), sameCaller.Select(call => call.Id).ToHashSet());
        IReadOnlyList<string> ReasonsFor(Guid id) =>
            new[] { placeIds.Contains(id) ? SamePlace : null, callerIds.Contains(id) ? SameCaller : null }.OfType<string>().ToList();

        return samePlace.Concat(sameCaller)
            .Where(call => call.Id != report.ReportId && call.RecordedAs == CallType.Incident && call.Lifecycle.DuplicateOf is null)
            .DistinctBy(call => call.Id)
            .Select(call => new PossibleDuplicate(
                call.Id, call.TrackingCode, call.Category, call.Lifecycle.Status, call.ReceivedAt,
                Math.Round(Math.Abs((call.ReceivedAt - at).TotalMinutes), 1), ReasonsFor(call.Id)))
            .OrderByDescending(candidate => candidate.Reasons.Count)
            .ThenBy(candidate => candidate.MinutesApart)
            .ToList();
    }
}
