using System.Security.Cryptography;
using System.Text;
using JasperFx;
using MassTransit;
using Npgsql;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Messaging;
using Polri110.ServiceDefaults.Observability;

namespace Polri110.Dispatch.Reports.DeliveringToStation;

/// <summary>
/// Records that the station message caused by one event (its id is the event's id) was confirmed by the broker,
/// so a redelivered event does not put the same message on the station's queue twice.
/// </summary>
public sealed record StationDelivery(Guid Id, Guid ReportId, string PolresId, DateTimeOffset DeliveredAt);

/// <summary>What an event puts on a station's queue, decided from the report as it stands: the station and the publishing.</summary>
public sealed record StationDeliveryPlan(string StationId, Func<CancellationToken, Task> Publish);

/// <summary>
/// Puts a message on a station's queue once per event, and in the order of the report's history. Per report, deliveries
/// take turns (a transaction-scoped advisory lock) and each decides from the report as it stands once its turn came:
/// a withdrawal can never overtake the dispatch it withdraws, since the dispatch, if it comes second, sees the withdrawal
/// and sends nothing. The delivery record is inserted in the same transaction, which commits only after the broker
/// confirmed the message: a crash before the commit leaves no record, so the redelivered event queues the message again
/// (at least once, never lost; stations de-duplicate on the message id, which is the event's id). The deliveries in
/// flight share one transaction (<see cref="GroupCommit"/>); one report's messages among them are published in turn.
/// </summary>
public sealed class StationDeliveries(GroupCommit group, TimeProvider clock, ReportMetrics metrics)
{
    private const int LockClass = 110;

    /// <param name="causedBy">The consumed event: its id is the message's id, so each event is delivered once.</param>
    /// <param name="plan">What to send given the report now and the message's id, or null when there is nothing to send.</param>
    /// <param name="purpose">For a second message one event causes (on another report's queue): keeps its id apart.</param>
    /// <returns>False when nothing was sent: delivered already, or nothing to send.</returns>
    public Task<bool> DeliverOnceAsync(
        ConsumeContext causedBy, Guid reportId, Func<DispatchReport, Guid, StationDeliveryPlan?> plan, string? purpose = null)
    {
        var eventId = causedBy.MessageId ?? throw new InvalidOperationException("An event without its id cannot be de-duplicated.");
        var deliveryId = purpose is null
            ? eventId
            : new Guid(SHA256.HashData([.. eventId.ToByteArray(), .. Encoding.UTF8.GetBytes(purpose)])[..16]);
        var committedAt = DateTimeOffset.TryParse(causedBy.Headers.Get<string>(EventHeaders.CommittedAt), out var at)
            ? at
            : (DateTimeOffset?)null;
        return DeliverOnceAsync(deliveryId, reportId, report => plan(report, deliveryId), committedAt);
    }

    private async Task<bool> DeliverOnceAsync(
        Guid deliveryId,
        Guid reportId,
        Func<DispatchReport, StationDeliveryPlan?> plan,
        DateTimeOffset? committedAt)
    {
        try
        {
            return await group.RunAsync(async (shared, token) =>
            {
                ReportTracing.TagReport(reportId);
                await using (var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, $2)", shared.Connection, shared.Transaction))
                {
                    turn.Parameters.Add(new NpgsqlParameter { Value = LockClass });
                    turn.Parameters.Add(new NpgsqlParameter { Value = LockKeyOf(reportId) });
                    await turn.ExecuteNonQueryAsync(token);
                }

                var report = await shared.Session.Events.AggregateStreamAsync<DispatchReport>(reportId, token: token)
                             ?? throw new InvalidOperationException($"Report {reportId} has an event to deliver but its stream is missing.");
                if (plan(report) is not { } delivery)
                {
                    return new GroupStep<bool>(false);
                }

                // Written with the rest of the batch's records, before any of its messages is published.
                shared.Session.Insert(new StationDelivery(deliveryId, reportId, delivery.StationId, clock.GetUtcNow()));
                return new GroupStep<bool>(true, async publishToken =>
                {
                    using (ReportTracing.StartStationDelivery(reportId, delivery.StationId))
                    {
                        await delivery.Publish(publishToken);
                    }

                    if (committedAt is { } committed)
                    {
                        metrics.DeliveredToStation(clock.GetUtcNow() - committed);
                    }
                }, OrderKey: reportId);
            });
        }
        catch (DocumentAlreadyExistsException)
        {
            // Delivered already (the event came again): its insert failed its group, then itself alone.
            return false;
        }
    }

    /// <summary>The same 32 bits for a report in every Dispatch instance (a clash only makes two reports take turns).</summary>
    private static int LockKeyOf(Guid reportId)
    {
        Span<byte> bytes = stackalloc byte[16];
        reportId.TryWriteBytes(bytes);
        return BitConverter.ToInt32(bytes[..4]) ^ BitConverter.ToInt32(bytes[4..8]) ^ BitConverter.ToInt32(bytes[8..12]) ^ BitConverter.ToInt32(bytes[12..]);
    }
}
