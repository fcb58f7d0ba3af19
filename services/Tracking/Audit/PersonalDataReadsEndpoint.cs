using Marten;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.Http;
using Polri110.ServiceDefaults.Privacy;

namespace Polri110.Tracking.Audit;

public static class PersonalDataReadsEndpoint
{
    /// <summary>
    /// For auditors: every recorded reading of one report's personal data, or of one caller's history (by the number
    /// in any spelling), oldest first; readings recorded by Intake and Tracking alike.
    /// </summary>
    public static void MapPersonalDataReads(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit/personal-data-reads", async (
                Guid? reportId, string? callerPhone, IQuerySession session, CallerKey callerKey, CancellationToken cancellationToken) =>
            {
                if ((reportId is null) == (callerPhone is null))
                {
                    return Problems.Invalid(new Dictionary<string, string[]>
                    {
                        ["reportId"] = ["Give either reportId (the report whose readings to list) or callerPhone (the caller's)."],
                    });
                }

                IQueryable<PersonalDataRead> reads = session.Query<PersonalDataRead>();
                if (reportId is not null)
                {
                    reads = reads.Where(read => read.ReportId == reportId);
                }
                else if (PhoneNumbers.TryNormalise(callerPhone, out var phone))
                {
                    var key = callerKey.Of(phone);
                    reads = reads.Where(read => read.CallerKey == key);
                }
                else
                {
                    return Problems.Invalid(new Dictionary<string, string[]> { ["callerPhone"] = [PhoneNumbers.Rule] });
                }

                return Results.Ok(await reads.OrderBy(read => read.At).ToListAsync(cancellationToken));
            })
            .WithName("ListPersonalDataReads")
            .RequireRole(Roles.Auditor)
            .Produces<PersonalDataRead[]>()
            .ProducesValidationProblem();
}
