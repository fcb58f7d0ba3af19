using Marten;
using Microsoft.Extensions.Options;
using Polri110.Contracts;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Hosting;

namespace Polri110.Tracking.Reports.Closing;

/// <summary>
/// Closes reports that stayed resolved for <see cref="ClosingPolicy.After"/>. Every Tracking instance runs one; the
/// decider reads the stream itself (not the summary, which may lag) and the append's optimistic concurrency keeps each
/// report to one ReportClosed however many instances find it at once.
/// </summary>
public sealed class ResolvedReportCloser(
    IDocumentStore store, ReportStreams reports, IOptions<ClosingPolicy> policy, ServiceDescription service, TimeProvider clock,
    ILogger<ResolvedReportCloser> logger) : ClockWatch(policy.Value.CheckInterval, clock, logger)
{
    protected override string Doing => "Closing resolved reports";

    protected override async Task LookAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var resolvedBefore = now - policy.Value.After;
        IReadOnlyList<Guid> due;
        await using (var session = store.QuerySession())
        {
            due = await session.Query<ReportSummary>()
                .Where(report => report.Status == ReportStatus.Resolved && report.ResolvedAt <= resolvedBefore)
                .OrderBy(report => report.ResolvedAt)
                .Select(report => report.Id)
                .Take(500)
                .ToListAsync(cancellationToken);
        }

        var reason = $"Resolved for {policy.Value.After.TotalHours:0.##} h without the caller calling back.";
        foreach (var reportId in due)
        {
            var command = new CloseReport(reportId, reason, service.Actor, now, resolvedBefore);
            await reports.DecideAsync<ReportLifecycle>(
                reportId, new CommandContext(service.Actor, $"closing-{reportId:N}", CausationId: null),
                report => CloseReport.Decide(report, command), cancellationToken: cancellationToken);
        }
    }
}
