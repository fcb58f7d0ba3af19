using JasperFx;
using Marten;
using Npgsql;

namespace Polri110.Dispatch.Reports.DeliveringToStation;

/// <summary>
/// Records that the station message caused by one event (its id is the event's id) was confirmed by the broker,
/// so a redelivered event does not put the same message on the station's queue twice.
/// </summary>
public sealed record StationDelivery(Guid Id, Guid ReportId, string PolresId, DateTimeOffset DeliveredAt);

/// <summary>
/// Puts a message on a station's queue once per event. The delivery record is inserted in a transaction that commits
/// only after the broker confirmed the message: a concurrent duplicate waits on the record's key and then finds it;
/// a crash before the commit leaves no record, so the redelivered event queues the message again (at least once,
/// never lost; stations de-duplicate on the message id, which is the event's id).
/// </summary>
public sealed class StationDeliveries(IDocumentStore store, NpgsqlDataSource database, TimeProvider clock)
{
    /// <returns>False when the message for this event was delivered already.</returns>
    public async Task<bool> DeliverOnceAsync(Guid eventId, Guid reportId, string polresId, Func<CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        session.Insert(new StationDelivery(eventId, reportId, polresId, clock.GetUtcNow()));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            return false;
        }

        await publish(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
