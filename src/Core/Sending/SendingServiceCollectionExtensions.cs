using Dashboard.Core.Conversations;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core;

/// <summary>Registers the Plivo HTTP client (with its retries and timeouts) and the send service.</summary>
public static class SendingServiceCollectionExtensions
{
    public static IServiceCollection AddSending(this IServiceCollection services, IConfiguration configuration)
    {
        // AddCore binds Plivo options; checking them here as well makes a bad retry or timeout setting fail at start.
        services.AddOptions<PlivoOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AppAddressOptions>().Bind(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PlivoAddresses>();

        services.AddHttpClient<IPlivoClient, PlivoClient>(http =>
            {
                // The resilience pipeline times each attempt; HttpClient's own timeout would cut across retries.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd(PlivoClient.UserAgent);
            })
            .AddPlivoResilience()
            // Four log lines per call drown the log with the simulator's demo traffic; SendService logs each send.
            .RemoveAllLoggers();

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
