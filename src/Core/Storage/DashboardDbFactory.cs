using Dashboard.Core.Storage.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Storage;

/// <summary>
/// Creates the context of the configured provider: <see cref="DashboardDb"/> on SQLite, <see cref="PostgreSqlDashboardDb"/>
/// on PostgreSQL (each with its own migrations, ADR-009). Everything else asks for <see cref="IDbContextFactory{DashboardDb}"/>.
/// </summary>
public sealed class DashboardDbFactory : IDbContextFactory<DashboardDb>
{
    private readonly Func<DashboardDb> _create;

    public DashboardDbFactory(StorageOptions options, ILoggerFactory? loggerFactory = null)
    {
        Provider = options.Provider;
        if (options.Provider == StorageProvider.PostgreSql)
        {
            var builder = new DbContextOptionsBuilder<PostgreSqlDashboardDb>().UseNpgsql(options.ConnectionString);
            var built = WithLogging(builder, loggerFactory).Options;
            _create = () => new PostgreSqlDashboardDb(built);
        }
        else
        {
            var builder = new DbContextOptionsBuilder<DashboardDb>().UseSqlite(options.ConnectionString);
            var built = WithLogging(builder, loggerFactory).Options;
            _create = () => new DashboardDb(built);
        }
    }

    public StorageProvider Provider { get; }

    public DashboardDb CreateDbContext() => _create();

    private static DbContextOptionsBuilder<T> WithLogging<T>(DbContextOptionsBuilder<T> builder, ILoggerFactory? loggerFactory)
        where T : DbContext =>
        loggerFactory is null ? builder : builder.UseLoggerFactory(loggerFactory);
}
