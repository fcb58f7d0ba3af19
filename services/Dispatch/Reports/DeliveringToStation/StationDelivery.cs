namespace Polri110.Dispatch.Reports.DeliveringToStation;

/// <summary>
/// Records that the dispatch message for one ReportForwarded event (its id is the event's id) was confirmed
/// by the broker, so a redelivered event does not queue the report at the station twice.
/// </summary>
public sealed record StationDelivery(Guid Id, Guid ReportId, string PolresId, DateTimeOffset DeliveredAt);
