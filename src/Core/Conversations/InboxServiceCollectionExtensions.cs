using Dashboard.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core;

/// <summary>Registers the agent inbox's Core services (over <c>AddStorage</c> and <c>AddSending</c>).</summary>
public static class InboxServiceCollectionExtensions
{
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddSingleton<InboxQueries>();
        services.TryAddSingleton<ReplyPolicy>();
        // Scoped like the SendService it sends through (which holds a typed HttpClient).
        services.AddScoped<InboxReplies>();
        services.AddSingleton<QuickReplies>();
        return services;
    }
}
