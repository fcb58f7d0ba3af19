namespace Polri110.Contracts;

/// <summary>
/// What every event in a report's stream carries (SPEC §4). Correlation and causation ids travel as
/// event-store metadata and message headers, not in the payload.
/// </summary>
public interface IReportEvent
{
    Guid ReportId { get; }

    /// <summary>Operator id, officer NRP, supervisor id or service name.</summary>
    string Actor { get; }

    DateTimeOffset OccurredAt { get; }
}
