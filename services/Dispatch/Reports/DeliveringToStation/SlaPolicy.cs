using Polri110.Contracts;

namespace Polri110.Dispatch.Reports.DeliveringToStation;

/// <summary>How long a station has to acknowledge a report, by priority (SPEC §4); configuration section "Sla".</summary>
public sealed class SlaPolicy
{
    public TimeSpan AcknowledgeP1 { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan AcknowledgeP2 { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan AcknowledgeP3 { get; set; } = TimeSpan.FromMinutes(60);

    public TimeSpan AcknowledgeWithin(Priority priority) => priority switch
    {
        Priority.P1 => AcknowledgeP1,
        Priority.P2 => AcknowledgeP2,
        _ => AcknowledgeP3,
    };
}
