using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Polri110.ServiceDefaults.Messaging;

public static class BusSetup
{
    public static string BusConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("RabbitMq")
        ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq (an amqp:// URI) is not configured.");

    internal static void AddReportBus(this WebApplicationBuilder builder, ServiceDescription service)
    {
        var brokerUri = new Uri(builder.Configuration.BusConnectionString());
        var retryLimit = builder.Configuration.GetValue("Bus:RetryLimit", 6);
        // Consumers mostly wait on PostgreSQL, not on the CPU, and those of Routing and Dispatch share transactions
        // (GroupCommit): what is in flight is what a batch can hold. Measured at full speed on two cores: 32 in flight
        // and 2 committers left Routing's and Dispatch's queues thousands deep (285-319 reports/s to the station queue,
        // 30-60 s behind); 128 and 4 kept them 1 s behind at 369/s, with 20 % less CPU per report.
        var prefetch = builder.Configuration.GetValue("Bus:PrefetchCount", 128);
        var outageInterval = builder.Configuration.GetValue("Bus:StoreOutageRetryInterval", TimeSpan.FromSeconds(5));
        builder.Services.AddMassTransit(bus =>
        {
            // Queues are named after the service, so N instances of one service compete on the same queues.
            // MassTransit reports usage to its vendor by default: an emergency line sends nothing to third parties
            // (and where it has no internet the attempt only fills the logs with failures).
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service.Name, includeNamespace: false));
            bus.AddConsumers(service.ApplicationAssembly);
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                }

                endpoint.UseReportRetries(retryLimit, outageInterval);
            });
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Tags.Clear();
                health.Tags.Add("bus");
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(brokerUri);
                rabbit.PrefetchCount = prefetch;
                // The exchanges this service publishes to are declared (and bound to their interfaces' exchanges) while
                // the bus starts, before the service reports ready, not by the first publish of each type: after kill -9
                // that first publish declared and bound them while the backlog waited (Intake: 1.9 s from its first
                // page of events to its first message, of which the declaring and binding took 1.3 s).
                rabbit.DeployPublishTopology = true;
                foreach (var eventType in service.PublishedEvents)
                {
                    rabbit.Publish(eventType, _ => { });
                }

                rabbit.ConfigureEndpoints(context);
            });
        });

        // The web API must come up (and Intake must keep taking reports) while the broker is away.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(host => host.WaitUntilStarted = false);
    }
}
