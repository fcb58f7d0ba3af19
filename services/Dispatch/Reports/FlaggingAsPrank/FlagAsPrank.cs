using Polri110.Contracts;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Dispatch.Reports.FlaggingAsPrank;

/// <summary>The station found the report was a prank, a silent call or a misdial.</summary>
public sealed record FlagAsPrank(Guid ReportId, string PolresId, PrankKind Kind, string? Note, string Actor, DateTimeOffset Now)
{
    public static Decision Decide(DispatchReport? report, FlagAsPrank command)
    {
        if (!DispatchReport.IsActionableBy(report, command.ReportId, command.PolresId, out var refusal))
        {
            return refusal;
        }

        return report.Lifecycle.IsOpenAtStation
            ? Decision.Append(new ReportFlaggedAsPrank(command.ReportId, command.Kind, command.Note, command.Actor, command.Now))
            : Decision.Reject(RejectionKind.Conflict, $"Report {command.ReportId} is {report.Status} and cannot be flagged.");
    }
}
