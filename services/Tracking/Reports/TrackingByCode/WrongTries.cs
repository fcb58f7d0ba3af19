namespace Polri110.Tracking.Reports.TrackingByCode;

/// <summary>Section <c>PublicLookup</c> of Tracking's settings.</summary>
public sealed record WrongTriesPolicy
{
    /// <summary>Wrong phone digits allowed for one tracking code within a window; then every try waits for the window's end.</summary>
    public int WrongTriesPerCode { get; init; } = 5;

    /// <summary>How long a window lasts from its first wrong try.</summary>
    public TimeSpan WrongTriesWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often each instance removes counts whose window has passed.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>What a try was granted: to be checked (and counted against the window ending then), or refused for a while.</summary>
public sealed record TryClaim(DateTimeOffset? CountedUntil, TimeSpan? RefusedFor);

/// <summary>
/// The tries at the phone digits of one tracking code (known or not) in the current window, shared by every Tracking
/// instance. <see cref="Id"/> is a keyed hash of the code, never the code. A try is counted before it is checked, so
/// that many tries at once cannot all be checked before any is counted; a right answer takes back only its own count.
/// </summary>
public sealed record WrongTries(string Id, DateTimeOffset WindowEndsAt, int Count)
{
    public static (WrongTries? Next, TryClaim Claim) Claim(WrongTries? current, string id, DateTimeOffset now, WrongTriesPolicy policy)
    {
        if (current is null || current.WindowEndsAt <= now)
        {
            var fresh = new WrongTries(id, now + policy.WrongTriesWindow, 1);
            return (fresh, new TryClaim(fresh.WindowEndsAt, null));
        }

        // Refused tries are not counted: they learn nothing, and counting them would let a flood keep the window shut.
        return current.Count >= policy.WrongTriesPerCode
            ? (null, new TryClaim(null, current.WindowEndsAt - now))
            : (current with { Count = current.Count + 1 }, new TryClaim(current.WindowEndsAt, null));
    }

    /// <summary>A right answer's own count comes off, if its window still runs; the other tries stay counted.</summary>
    public static (WrongTries? Next, bool Refunded) Refund(WrongTries? current, DateTimeOffset countedUntil) =>
        current is { Count: > 0 } && current.WindowEndsAt == countedUntil
            ? (current with { Count = current.Count - 1 }, true)
            : (null, false);
}
