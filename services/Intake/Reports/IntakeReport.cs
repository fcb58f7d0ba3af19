using Polri110.Contracts;

namespace Polri110.Intake.Reports;

/// <summary>A report as Intake needs to know it; folded from the report's stream.</summary>
public sealed record IntakeReport(Guid Id, string TrackingCode)
{
    public static IntakeReport Create(ReportReceived received) => new(received.ReportId, received.TrackingCode);
}
