namespace Polri110.Contracts;

/// <summary>Every event type a report stream may hold, for registration with the event store.</summary>
public static class ReportEvents
{
    public static readonly IReadOnlyList<Type> All =
    [
        typeof(ReportReceived),
        typeof(ReportFlaggedAsPrank),
        typeof(ReportLinkedAsDuplicate),
        typeof(ReportUnlinked),
        typeof(ReportForwarded),
        typeof(ReportRoutingFailed),
        typeof(ReportAcknowledged),
        typeof(ReportAssigned),
        typeof(ReportRejected),
        typeof(ReportEscalated),
        typeof(ReportResolved),
        typeof(ReportClosed),
        typeof(ReportReopened),
    ];
}
