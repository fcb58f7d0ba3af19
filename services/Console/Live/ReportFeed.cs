namespace Polri110.Console.Live;

/// <summary>Something happened to a report: an event of its stream was committed and published.</summary>
/// <param name="EventType">The event's type name, e.g. "ReportForwarded".</param>
/// <param name="PolresId">The Polres the event names (forwarded to it, acknowledged, rejected or resolved by it, …), if any.</param>
/// <param name="PolsekId">The Polsek it names (assigned to it), if any.</param>
public sealed record ReportChange(Guid ReportId, string EventType, DateTimeOffset OccurredAt, string? PolresId = null, string? PolsekId = null);

/// <summary>
/// Hands every report change this console instance hears on the bus to the pages open in it (their circuits).
/// A page subscribes while it is shown and re-reads what it displays from the services.
/// </summary>
public sealed class ReportFeed(ILogger<ReportFeed> logger, TimeProvider clock)
{
    internal ILogger Logger => logger;

    /// <summary>Times the pages' reload rounds.</summary>
    internal TimeProvider Clock => clock;

    public event Action<ReportChange>? Changed;

    public void Publish(ReportChange change) => Changed?.Invoke(change);
}
