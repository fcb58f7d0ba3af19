using Polri110.Contracts;

namespace Polri110.Dispatch.Sla;

/// <summary>
/// How long a station has to act on a report, by priority (SPEC §4); configuration section "Sla".
/// A missed deadline escalates to the Kapolres (level 1); still not acted on after <c>KapoldaAfter</c> more,
/// to the Kapolda (level 2).
/// </summary>
public sealed class SlaPolicy
{
    public TimeSpan AcknowledgeP1 { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan AcknowledgeP2 { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan AcknowledgeP3 { get; set; } = TimeSpan.FromMinutes(60);

    public TimeSpan ResolveP1 { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan ResolveP2 { get; set; } = TimeSpan.FromHours(4);

    public TimeSpan ResolveP3 { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan KapoldaAfterP1 { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan KapoldaAfterP2 { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan KapoldaAfterP3 { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often Dispatch looks for missed deadlines.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan AcknowledgeWithin(Priority priority) => priority switch { Priority.P1 => AcknowledgeP1, Priority.P2 => AcknowledgeP2, _ => AcknowledgeP3 };

    public TimeSpan ResolveWithin(Priority priority) => priority switch { Priority.P1 => ResolveP1, Priority.P2 => ResolveP2, _ => ResolveP3 };

    public TimeSpan KapoldaAfter(Priority priority) => priority switch { Priority.P1 => KapoldaAfterP1, Priority.P2 => KapoldaAfterP2, _ => KapoldaAfterP3 };
}
