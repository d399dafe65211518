using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Core;

/// <summary>
/// Registers the database (<c>Storage</c> options, <c>ConnectionStrings:Dashboard</c>), its migration at start-up, the
/// single writer every change goes through (ADR-001; it publishes on the feed of <c>AddLiveFeed</c>), and the lease
/// that keeps background work to one instance.
/// </summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName) ?? o.ConnectionString)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Storage:Provider picks the context (and so the migrations) of SQLite or PostgreSQL (ADR-009).
        services.AddSingleton<IDbContextFactory<DashboardDb>>(sp => new DashboardDbFactory(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()));

        // Order matters: hosted services start in registration order, and the writer needs the migrated schema.
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseInitializer>());
        services.AddSingleton<MessageWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageWriter>());
        // The lease background work asks so that it runs on one instance only (ADR-011).
        services.AddSingleton<Leadership>();
        services.AddHostedService(sp => sp.GetRequiredService<Leadership>());
        return services;
    }
}
