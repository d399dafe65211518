using Dashboard.Core.Incidents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core;

/// <summary>
/// Registers the detection of incidents (<c>Incidents</c> options) the writer feeds, their storage and the monitor that
/// stores what the detector finds, and the outgoing webhook told of each change (ADR-012).
/// </summary>
public static class IncidentsServiceCollectionExtensions
{
    public static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IncidentOptions>()
            .Bind(configuration.GetSection(IncidentOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.PeriodsAreValid(), IncidentOptions.PeriodsProblem)
            .ValidateOnStart();
        services.AddSingleton<IncidentDetector>();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IncidentMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<IncidentMonitor>());

        services.AddOptions<IncidentWebhookOptions>()
            .Bind(configuration.GetSection(IncidentWebhookOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.SecretIsValid(), IncidentWebhookOptions.SecretProblem)
            .ValidateOnStart();
        IncidentWebhook.AddClient(services);
        services.AddSingleton<IncidentWebhook>();
        services.AddHostedService(sp => sp.GetRequiredService<IncidentWebhook>());
        return services;
    }
}
