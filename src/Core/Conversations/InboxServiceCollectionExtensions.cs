using Dashboard.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Beside AddCore's namespace, so the host adds the inbox with one line and no extra using.
namespace Dashboard.Core;

/// <summary>Registers the agent inbox's Core services (on top of <c>AddCore</c> and <c>AddSending</c>).</summary>
public static class InboxServiceCollectionExtensions
{
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InboxSignals>();
        services.AddSingleton<InboxQueries>();
        services.TryAddSingleton<ReplyPolicy>();
        // Scoped like the SendService it sends through (which holds a typed HttpClient).
        services.AddScoped<InboxReplies>();
        services.AddSingleton<QuickReplies>();
        return services;
    }
}
