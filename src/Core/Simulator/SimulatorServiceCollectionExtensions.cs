using Dashboard.Core.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core;

/// <summary>
/// Registers the embedded Plivo simulator — its Message API, the lifecycle of what it accepts, its inbound traffic, the
/// records and contacts they share — and its demo traffic (which stays idle when it is off).
/// </summary>
public static class SimulatorServiceCollectionExtensions
{
    public static IServiceCollection AddSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatorOptions>()
            .Bind(configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.OutagesAreValid(), SimulatorOptions.OutagesProblem)
            .ValidateOnStart();
        services.AddHttpClient(SimulatorCallbacks.HttpClientName, http =>
        {
            // Plivo waits 8 seconds for a webhook's answer before it counts as failed.
            http.Timeout = TimeSpan.FromSeconds(8);
            http.DefaultRequestHeaders.UserAgent.ParseAdd("PlivoSimulator/1.0");
        }).RemoveAllLoggers();
        services.AddSingleton<SimulatorCallbacks>();
        services.AddSingleton(sp => new SimulatorStore(sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.MaxMessages));
        services.AddSingleton<SimulatorContacts>();
        services.AddSingleton<StagedOutages>();
        services.AddSingleton<MessageLifecycle>();
        services.AddSingleton<PlivoSimulator>();
        services.AddSingleton<InboundTraffic>();
        services.AddHostedService<SimulatorTrafficService>();
        return services;
    }
}
