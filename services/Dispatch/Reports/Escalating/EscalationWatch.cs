using Marten;
using Microsoft.Extensions.Options;
using Polri110.Dispatch.Reports.ListingStationReports;
using Polri110.Dispatch.Sla;
using Polri110.ServiceDefaults;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Hosting;

namespace Polri110.Dispatch.Reports.Escalating;

/// <summary>
/// Looks at the clock: every report whose next escalation has fallen due is put to <see cref="EscalateReport"/>.
/// Every Dispatch instance runs one; the decider and the stream's optimistic concurrency keep each level to one event.
/// </summary>
public sealed class EscalationWatch(
    IDocumentStore store, ReportStreams reports, IOptions<SlaPolicy> policy, ServiceDescription service, TimeProvider clock,
    ILogger<EscalationWatch> logger)
    : ClockWatch(policy.Value.CheckInterval, clock, logger)
{
    protected override string Doing => "Looking for missed deadlines";

    protected override async Task LookAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> due;
        await using (var session = store.QuerySession())
        {
            due = await session.Query<StationReport>()
                .Where(report => report.NextEscalationAt != null && report.NextEscalationAt <= now)
                .OrderBy(report => report.NextEscalationAt)
                .Select(report => report.Id)
                .Take(500)
                .ToListAsync(cancellationToken);
        }

        foreach (var reportId in due)
        {
            var command = new EscalateReport(reportId, service.Actor, now);
            var decision = await reports.DecideAsync<DispatchReport>(
                reportId, new CommandContext(service.Actor, $"sla-{reportId:N}", CausationId: null),
                report => EscalateReport.Decide(report, command, policy.Value), cancellationToken: cancellationToken);
            foreach (var escalated in decision.Events.OfType<Polri110.Contracts.ReportEscalated>())
            {
                logger.LogWarning("Report {ReportId} escalated to level {Level} ({EscalatedTo}): {Deadline} deadline missed",
                    reportId, escalated.Level, escalated.EscalatedTo, escalated.MissedDeadline);
            }
        }
    }
}
