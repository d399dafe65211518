using Dashboard.Core.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core;

/// <summary>
/// Registers the live feed the writer publishes to, and how it reaches the other instances (ADR-011): with
/// <c>ConnectionStrings:Redis</c>, one Redis connection and the pub/sub transport; without, the feed stays in-process.
/// </summary>
public static class LiveServiceCollectionExtensions
{
    public static IServiceCollection AddLiveFeed(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetConnectionString(LiveOptions.RedisConnectionStringName);
        services.AddOptions<LiveOptions>().Configure(o => o.Redis = redis);
        services.AddSingleton<LiveStatus>();
        if (!IsRedisConfigured(configuration))
        {
            services.AddSingleton<LiveFeed>();
            return services;
        }

        // Hosted services start in registration order: the connection (or the one-line failure) before the subscription.
        services.AddSingleton<RedisConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        services.AddSingleton<RedisLiveTransport>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisLiveTransport>());
        services.AddSingleton(sp => new LiveFeed(sp.GetRequiredService<RedisLiveTransport>()));
        return services;
    }

    /// <summary>True when <c>ConnectionStrings:Redis</c> names a server: the host then adds SignalR's Redis backplane too.</summary>
    public static bool IsRedisConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(LiveOptions.RedisConnectionStringName));
}
