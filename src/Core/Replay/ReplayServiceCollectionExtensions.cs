using Dashboard.Core.Replay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core;

/// <summary>Registers callback replay (<c>Replay</c> options, ADR-013) over the single writer.</summary>
public static class ReplayServiceCollectionExtensions
{
    public static IServiceCollection AddCallbackReplay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReplayOptions>()
            .Bind(configuration.GetSection(ReplayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CallbackReplay>();
        return services;
    }
}
