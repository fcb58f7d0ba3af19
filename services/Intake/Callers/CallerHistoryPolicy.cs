namespace Polri110.Intake.Callers;

/// <summary>
/// When a caller is marked a repeat prank caller (section <c>Callers</c> of Intake's settings). The line never refuses
/// a call because of it: the operator sees the mark and decides.
/// </summary>
public sealed record CallerHistoryPolicy
{
    /// <summary>Prank and abusive calls within <see cref="RepeatPrankWindow"/> that make a repeat prank caller.</summary>
    public int RepeatPrankThreshold { get; init; } = 3;

    public TimeSpan RepeatPrankWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The newest calls listed in a history; the counts cover every call.</summary>
    public int MaxListed { get; init; } = 200;
}
