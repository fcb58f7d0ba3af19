using Marten;
using Polri110.Intake.Reports.ReceivingReport;

namespace Polri110.Intake.Reports;

public static class IntakeStore
{
    public static void Configure(StoreOptions options)
    {
        options.Schema.For<IdempotencyRecord>();
        options.Schema.For<TrackingCodeClaim>().Index(claim => claim.ReportId);
    }
}
