using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Storage;

/// <summary>
/// Creates the database's folder, applies migrations and switches SQLite to WAL before anything else starts
/// (registered first among hosted services), so a fresh clone runs with no manual step.
/// </summary>
public sealed partial class DatabaseInitializer(IDbContextFactory<DashboardDb> factory, ILogger<DatabaseInitializer> logger) : IHostedService
{
    /// <summary>True once migrations are applied; the health check reports unhealthy until then.</summary>
    public bool IsReady { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        LogReady(logger, Path.GetFullPath(dataSource));
        IsReady = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready at {Path}")]
    private static partial void LogReady(ILogger logger, string path);
}
