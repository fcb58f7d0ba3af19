using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Polri110.Dispatch.Broker;

/// <summary>
/// Dispatch is ready only with its connection to the station queues open (tagged "bus", like the bus's own check):
/// without it no report reaches a station, and opening it here keeps that cost off the first delivery after a restart.
/// </summary>
public sealed class StationQueuesHealthCheck(StationQueues queues) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await queues.EnsureOpenAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The connection to the station queues is not open", e);
        }
    }
}
