using Dashboard.Core.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core;

/// <summary>Registers the message log's and the read API's queries.</summary>
public static class MessagesServiceCollectionExtensions
{
    public static IServiceCollection AddMessages(this IServiceCollection services) =>
        services.AddSingleton<MessageQueries>();
}
