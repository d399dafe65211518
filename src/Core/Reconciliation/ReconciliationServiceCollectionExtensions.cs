using Dashboard.Core.Reconciliation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core;

/// <summary>Registers the reconciliation of silent messages (<c>Reconciliation</c> options) over <c>AddPlivo</c>'s client.</summary>
public static class ReconciliationServiceCollectionExtensions
{
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconciliationOptions>()
            .Bind(configuration.GetSection(ReconciliationOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.OverridesAreValid(), "Reconciliation:SilentAfterByType: each must be between 1 second and 7 days.")
            .ValidateOnStart();
        services.AddSingleton<SilentMessages>();
        services.AddSingleton<Reconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<Reconciler>());
        return services;
    }
}
