namespace Dashboard.Hubs;

/// <summary>Registers the live hub (<c>/hubs/messages</c>): SignalR, the broadcaster of the writer's changes, the session re-checks.</summary>
public static class HubsServiceCollectionExtensions
{
    public static IServiceCollection AddLiveHub(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddHostedService<LiveHubBroadcaster>();
        services.AddSingleton<HubSessions>();
        services.AddHostedService(provider => provider.GetRequiredService<HubSessions>());
        return services;
    }
}
