using JasperFx.Events;
using Marten.Events.Aggregation;
using Polri110.Contracts;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// Lets deciders fetch a report as its <see cref="ReportLifecycle"/> (<c>ReportStreams.DecideAsync&lt;ReportLifecycle&gt;</c>).
/// Marten 9 dispatches conventional Apply methods through a source generator that runs only in assemblies referencing
/// Marten, and the contracts reference nothing: so the fold is handed to Marten explicitly, event by event.
/// Registered as a live aggregation in every service; nothing is stored.
/// </summary>
public sealed class ReportLifecycleProjection : SingleStreamProjection<ReportLifecycle, Guid>
{
    public override ReportLifecycle? Evolve(ReportLifecycle? snapshot, Guid id, IEvent e) =>
        e.Data is ReportReceived received ? ReportLifecycle.Begin(received) : snapshot?.Then(e.Data);
}
