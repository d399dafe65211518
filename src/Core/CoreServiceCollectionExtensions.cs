using Dashboard.Core.Conversations;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Reports;
using Dashboard.Core.Storage;
using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core;

/// <summary>Registers everything in Core: storage, the single writer, the live feed, webhooks, queries.</summary>
public static class CoreServiceCollectionExtensions
{
    public const string ConnectionStringName = "Dashboard";

    public static IServiceCollection AddCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(ConnectionStringName) ?? o.ConnectionString)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PlivoOptions>().BindConfiguration(PlivoOptions.SectionName);
        services.AddOptions<OptOutOptions>().BindConfiguration(OptOutOptions.SectionName);

        services.TryAddSingleton(TimeProvider.System);
        // Storage:Provider picks the context (and so the migrations) of SQLite or PostgreSQL (ADR-009).
        services.AddSingleton<IDbContextFactory<DashboardDb>>(sp => new DashboardDbFactory(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()));

        // Order matters: hosted services start in registration order, and the writer needs the migrated schema.
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseInitializer>());
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<MessageWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageWriter>());

        services.AddSingleton<OptOutKeywords>();
        services.AddSingleton<WebhookSignatureVerifier>();
        services.AddHostedService<SignatureSettingsWarning>();
        services.AddSingleton<WebhookIngest>();
        services.AddSingleton<MessageQueries>();
        services.AddReports();
        return services;
    }
}
