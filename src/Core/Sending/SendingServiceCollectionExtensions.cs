using Dashboard.Core.Conversations;
using Dashboard.Core.Sending;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core;

/// <summary>Registers the send path (rules, preview, opt-out and window policy, queued rows) over <c>AddPlivo</c>'s client.</summary>
public static class SendingServiceCollectionExtensions
{
    public static IServiceCollection AddSending(this IServiceCollection services)
    {
        // Every send checks the WhatsApp window through the inbox's policy, whoever sends.
        services.TryAddSingleton<ReplyPolicy>();

        // One per process: it knows which submissions are being sent right now.
        services.AddSingleton<SendSubmissions>();
        services.AddSingleton<SendRules>();
        services.AddSingleton<SendPolicy>();
        services.AddSingleton<QueuedMessages>();

        // Scoped, not singleton: it holds a typed HttpClient, whose handlers the factory rotates.
        services.AddScoped<SendService>();
        return services;
    }
}
