using Polri110.Contracts;
using Polri110.Dispatch.Sla;

namespace Polri110.Dispatch.Reports.DeliveringToStation;

/// <summary>The one way a report becomes a message a station acts on, whatever brought it there.</summary>
public static class StationMessages
{
    /// <param name="messageId">The id of the event that sends it: stable across redeliveries.</param>
    /// <param name="sentAt">When the report came to the station: forwarded, or back after a reopen.</param>
    public static StationDispatchMessage ToAct(
        DispatchReport report, Guid messageId, string type, DateTimeOffset sentAt, SlaPolicy policy, string? reason = null)
    {
        var received = report.Received;
        var forwarding = report.Forwarding ?? throw new InvalidOperationException($"Report {report.Id} was never forwarded.");
        return new StationDispatchMessage(
            messageId.ToString(),
            received.ReportId,
            received.TrackingCode,
            received.Priority,
            // An incident always carries both (Intake's validation); only other calls may lack them, and those never reach a station.
            received.Category ?? "",
            received.Description ?? "",
            received.Location,
            received.Caller,
            received.OccurredAt,
            received.IncidentAt,
            sentAt,
            report.Clock.AcknowledgeBy(policy),
            forwarding.PolresId,
            forwarding.PolresName,
            forwarding.PoldaId,
            forwarding.PoldaName,
            type,
            reason,
            forwarding.SuggestedPolsekId,
            forwarding.SuggestedPolsekName);
    }
}
