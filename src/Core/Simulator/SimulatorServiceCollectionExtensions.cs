using Dashboard.Core.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core;

/// <summary>Registers the embedded Plivo simulator and its demo traffic (which stay idle when it is off).</summary>
public static class SimulatorServiceCollectionExtensions
{
    public static IServiceCollection AddSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatorOptions>()
            .Bind(configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SimulatorCallbacks.HttpClientName, http =>
        {
            // Plivo waits 8 seconds for a webhook's answer before it counts as failed.
            http.Timeout = TimeSpan.FromSeconds(8);
            http.DefaultRequestHeaders.UserAgent.ParseAdd("PlivoSimulator/1.0");
        }).RemoveAllLoggers();
        services.AddSingleton<SimulatorCallbacks>();
        services.AddSingleton<PlivoSimulator>();
        services.AddHostedService<SimulatorTrafficService>();
        return services;
    }
}
