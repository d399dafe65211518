using Dashboard.Core.Conversations;
using Dashboard.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core;

/// <summary>Registers what Plivo's callbacks go through: the signature check, the opt-out keywords and the ingest.</summary>
public static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<OptOutOptions>().BindConfiguration(OptOutOptions.SectionName);
        services.AddSingleton<OptOutKeywords>();
        services.AddSingleton<WebhookSignatureVerifier>();
        services.AddHostedService<SignatureSettingsWarning>();
        services.AddSingleton<WebhookIngest>();
        return services;
    }
}
