using Dashboard.Core.Plivo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core;

/// <summary>
/// Registers the Plivo account (<c>Plivo</c> options), the address Plivo reaches this app at (<c>PublicBaseUrl</c>),
/// the addresses built from them and the Message API client with its retries and timeouts.
/// </summary>
public static class PlivoServiceCollectionExtensions
{
    public static IServiceCollection AddPlivo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlivoOptions>().Bind(configuration.GetSection(PlivoOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PublicUrlOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PlivoAddresses>();

        services.AddHttpClient<IPlivoClient, PlivoClient>(http =>
            {
                // The resilience pipeline times each attempt; HttpClient's own timeout would cut across retries.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd(PlivoClient.UserAgent);
            })
            .AddPlivoResilience()
            // Four log lines per call drown the log with the simulator's demo traffic; SendService logs each send.
            .RemoveAllLoggers();
        return services;
    }
}
