using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// For a read model that stores a report only from some event on (the triage list from a routing failure, the station
/// list from the first forwarding): the report's events before the daemon's current batch, so that an entry starting in
/// a later batch than those events is still the fold of the whole stream. The projection reads them in its
/// <c>EnrichEventsAsync</c> with <see cref="ReadAsync{TDoc}"/>, one query a batch, and folds <see cref="History"/> in
/// its <c>DetermineAction</c>.
/// </summary>
public sealed record EarlierEvents(IReadOnlyList<IEvent> Events)
{
    /// <summary>
    /// Attaches the earlier events to every slice of the batch that does not begin its stream and holds an event that may
    /// start an entry. Whether an entry is stored already is not known yet here, so a slice of a stored one may be read
    /// needlessly (a report routed again); its fold ignores them.
    /// </summary>
    public static async Task ReadAsync<TDoc>(
        SliceGroup<TDoc, Guid> group, IQuerySession session, Func<object, bool> mayStartAnEntry, CancellationToken cancellation)
        where TDoc : notnull
    {
        var starting = group.Slices
            .Where(slice => slice.Events()[0].Version > 1 && slice.Events().Any(e => mayStartAnEntry(e.Data)))
            .ToList();
        if (starting.Count == 0)
        {
            return;
        }

        var ids = starting.Select(slice => slice.Id).ToArray();
        var streams = (await session.Events.QueryAllRawEvents().Where(e => ids.Contains(e.StreamId)).ToListAsync(cancellation))
            .ToLookup(e => e.StreamId);
        foreach (var slice in starting)
        {
            var from = slice.Events()[0].Version;
            slice.Reference(new EarlierEvents(streams[slice.Id].Where(e => e.Version < from).OrderBy(e => e.Version).ToList()));
        }
    }

    /// <summary>The events to fold: the batch's, after the earlier ones when nothing is stored for the report yet.</summary>
    public static IEnumerable<IEvent> History(bool stored, IReadOnlyList<IEvent> events) =>
        (!stored && events.TryFindReference<EarlierEvents>(out var earlier) ? earlier.Events.Concat(events) : events)
        .Where(e => e.Data is not References<EarlierEvents>);
}
