using MassTransit;
using Polri110.Contracts;

namespace Polri110.Console.Live;

/// <summary>
/// Hears every report event the services publish after commit (they all implement <see cref="IReportEvent"/>), on
/// a queue of this console instance's own that disappears with it: each instance tells its own open pages.
/// </summary>
public sealed class ReportChangeConsumer(ReportFeed feed, ILogger<ReportChangeConsumer> logger) : IConsumer<IReportEvent>
{
    public Task Consume(ConsumeContext<IReportEvent> context)
    {
        var type = context.SupportedMessageTypes.FirstOrDefault() is { } urn ? urn[(urn.LastIndexOf(':') + 1)..] : nameof(IReportEvent);
        logger.LogDebug("{EventType} of report {ReportId} heard", type, context.Message.ReportId);
        feed.Publish(new ReportChange(context.Message.ReportId, type, context.Message.OccurredAt));
        return Task.CompletedTask;
    }
}
