namespace Polri110.Tracking.Reports.Closing;

/// <summary>When resolved reports close by themselves (section <c>Closing</c> of Tracking's settings).</summary>
public sealed record ClosingPolicy
{
    /// <summary>How long a report stays resolved, open to the caller calling back, before it closes (SPEC §4: 72 hours).</summary>
    public TimeSpan After { get; init; } = TimeSpan.FromHours(72);

    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(1);
}
