using Marten;
using Polri110.ServiceDefaults.Http;

namespace Polri110.Tracking.Reports.TrackingByCode;

/// <summary>What a caller may see of their own report: where it stands and which station has it. No personal data.</summary>
public sealed record PublicReportStatus(
    string TrackingCode,
    string Status,
    string? Category,
    string Priority,
    string? Station,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset LastChangedAt);

public static class TrackReportEndpoint
{
    public const string RateLimitPolicy = "public-tracking";

    public static void MapTrackReport(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/track/{trackingCode}", Handle)
            .WithName("TrackReport")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .Produces<PublicReportStatus>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> Handle(
        string trackingCode,
        string? phoneLast4,
        IQuerySession session,
        PublicLookupKey key,
        WrongTriesCounter tries,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PublicTracking.TrackingCodePattern().IsMatch(trackingCode))
        {
            errors["trackingCode"] = ["A tracking code as given when the report was made, e.g. 110-7KQ2-M9XD."];
        }

        if (phoneLast4 is null || !PublicTracking.PhoneDigitsPattern().IsMatch(phoneLast4))
        {
            errors["phoneLast4"] = ["Required: the last 4 digits of the number the report was made from."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        // Counted before the report is even read, whether the code exists or not: probing unknown codes looks the same.
        var code = trackingCode.ToUpperInvariant();
        var claim = await tries.ClaimAsync(code, cancellationToken);
        if (claim.CountedUntil is not { } countedUntil)
        {
            PublicTrackingLimits.SetRetryAfter(response, claim.RefusedFor ?? TimeSpan.Zero);
            return Problems.TooManyRequests("Too many wrong tries for this tracking code; try again later.");
        }

        var report = await session.Query<ReportSummary>().FirstOrDefaultAsync(summary => summary.TrackingCode == code, cancellationToken);

        // An unknown code and a wrong number get the same answer, so codes cannot be probed for.
        // Matches first, so that its work is done for unknown codes too.
        if (!PublicTracking.Matches(key, code, phoneLast4!, report?.PublicCheck) || report is null)
        {
            return Problems.NotFound(
                "No report matches this tracking code and phone number (a new report can take a few seconds to appear).");
        }

        await tries.RefundAsync(code, countedUntil, cancellationToken);
        return Results.Ok(new PublicReportStatus(
            report.TrackingCode, report.Status, report.Category, report.Priority.ToString(), report.PolresName,
            report.ReceivedAt, report.AcknowledgedAt, report.ResolvedAt, report.LastChangedAt));
    }
}
