using Dashboard.Core;
using Dashboard.Core.Live;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;

namespace Dashboard.Hubs;

/// <summary>
/// Registers the live hub (<c>/hubs/messages</c>): SignalR, the broadcaster of the writer's changes, the session re-checks;
/// with <c>ConnectionStrings:Redis</c>, SignalR's Redis backplane on the instance's one Redis connection (ADR-011), so
/// a client on any instance receives the changes every instance takes.
/// </summary>
public static class HubsServiceCollectionExtensions
{
    public static IServiceCollection AddLiveHub(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR();
        if (LiveServiceCollectionExtensions.IsRedisConfigured(configuration))
        {
            signalR.AddStackExchangeRedis();
            services.AddOptions<RedisOptions>().Configure<RedisConnection>((o, redis) => o.ConnectionFactory = _ => redis.Connected);
        }

        services.AddHostedService<LiveHubBroadcaster>();
        services.AddSingleton<HubSessions>();
        services.AddHostedService(provider => provider.GetRequiredService<HubSessions>());
        return services;
    }
}
