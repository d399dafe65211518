using Dashboard.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Beside AddCore's namespace, so the host adds the inbox with one line and no extra using.
namespace Dashboard.Core;

/// <summary>Registers the agent inbox's Core services (on top of <see cref="CoreServiceCollectionExtensions.AddCore"/>).</summary>
public static class InboxServiceCollectionExtensions
{
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InboxSignals>();
        services.AddSingleton<InboxQueries>();
        services.AddSingleton<ReplyPolicy>();
        services.AddSingleton<InboxReplies>();
        services.AddSingleton<QuickReplies>();

        // Until the send service is registered as the reply sender, replies are refused with a clear reason.
        services.TryAddSingleton<IReplySender, SendServiceNotAvailableReplySender>();
        return services;
    }
}
