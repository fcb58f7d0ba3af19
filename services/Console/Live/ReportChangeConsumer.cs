using MassTransit;
using Polri110.Contracts;

namespace Polri110.Console.Live;

/// <summary>
/// Hears every report event the services publish after commit (they all implement <see cref="IReportEvent"/>), on
/// a queue of this console instance's own that disappears with it: each instance tells its own open pages, with the
/// station the event names so that a station's page re-reads only for its own reports.
/// </summary>
public sealed class ReportChangeConsumer(ReportFeed feed, ILogger<ReportChangeConsumer> logger) : IConsumer<IReportEvent>
{
    public Task Consume(ConsumeContext<IReportEvent> context)
    {
        var type = context.SupportedMessageTypes.FirstOrDefault() is { } urn ? urn[(urn.LastIndexOf(':') + 1)..] : nameof(IReportEvent);
        logger.LogDebug("{EventType} of report {ReportId} heard", type, context.Message.ReportId);
        var (polresId, polsekId) = StationsNamed(context, type);
        feed.Publish(new ReportChange(context.Message.ReportId, type, context.Message.OccurredAt, polresId, polsekId));
        return Task.CompletedTask;
    }

    /// <summary>The Polres and Polsek an event of a station's part of the lifecycle names; read from its own type's body.</summary>
    private static (string? PolresId, string? PolsekId) StationsNamed(ConsumeContext context, string type) => type switch
    {
        nameof(ReportForwarded) => (As<ReportForwarded>(context)?.PolresId, null),
        nameof(ReportAcknowledged) => (As<ReportAcknowledged>(context)?.PolresId, null),
        nameof(ReportAssigned) => As<ReportAssigned>(context) is { } assigned ? (assigned.PolresId, assigned.PolsekId) : (null, null),
        nameof(ReportRejected) => (As<ReportRejected>(context)?.PolresId, null),
        nameof(ReportEscalated) => (As<ReportEscalated>(context)?.PolresId, null),
        nameof(ReportResolved) => (As<ReportResolved>(context)?.PolresId, null),
        _ => (null, null),
    };

    private static T? As<T>(ConsumeContext context) where T : class =>
        context.TryGetMessage<T>(out var typed) ? typed.Message : null;
}
