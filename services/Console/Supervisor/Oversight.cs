using Polri110.Console.Api;

namespace Polri110.Console.Supervisor;

/// <summary>One Polres's open work as a supervisor sees it.</summary>
public sealed record PolresLoad(string PoldaName, string PolresId, string PolresName, int Open, int Overdue, int Escalated);

/// <summary>Pure: the supervisors' overview from the reports open across the country.</summary>
public static class Oversight
{
    public static readonly IReadOnlyList<string> OpenStatuses = ["forwarded", "acknowledged", "assigned"];

    /// <summary>Not acknowledged by its deadline: the SLA is already broken, whether or not an escalation has been recorded.</summary>
    public static bool IsOverdue(ReportSummary report, DateTimeOffset now) =>
        report.Status == "forwarded" && report.AcknowledgeBy is { } deadline && deadline < now;

    public static IReadOnlyList<PolresLoad> ByPolres(IEnumerable<ReportSummary> open, DateTimeOffset now) =>
        open.GroupBy(report => (
                report.PoldaName ?? report.PoldaId ?? "?", report.PolresId ?? "?", report.PolresName ?? report.PolresId ?? "?"))
            .Select(group => new PolresLoad(
                group.Key.Item1,
                group.Key.Item2,
                group.Key.Item3,
                group.Count(),
                group.Count(report => IsOverdue(report, now)),
                group.Count(report => report.Escalations is { Count: > 0 })))
            .OrderByDescending(load => load.Overdue)
            .ThenByDescending(load => load.Escalated)
            .ThenByDescending(load => load.Open)
            .ThenBy(load => load.PoldaName)
            .ThenBy(load => load.PolresName)
            .ToList();
}
