using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Storage;

/// <summary>
/// Applies the configured provider's migrations before anything else starts (registered first among hosted services),
/// so a fresh clone runs with no manual step: on SQLite it also creates the file's folder and switches to WAL.
/// A PostgreSQL server that cannot be reached stops the start with one line naming the setting (ADR-009).
/// </summary>
public sealed partial class DatabaseInitializer(IDbContextFactory<DashboardDb> factory, ILogger<DatabaseInitializer> logger) : IHostedService
{
    /// <summary>True once migrations are applied; the health check reports unhealthy until then.</summary>
    public bool IsReady { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                throw StorageUnavailableException.AtStart(ex);
            }

            LogReady(logger, "PostgreSQL");
            IsReady = true;
            return;
        }

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

/// <summary>The database could not be reached; the message names the setting to check.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    public static StorageUnavailableException AtStart(Exception inner) => new(
        $"Cannot reach the PostgreSQL database named by ConnectionStrings:Dashboard (Storage:Provider=PostgreSql): {FirstLine(inner)}",
        inner);

    /// <summary>Lost while running: nothing of the write was stored, and webhooks are answered 503 so Plivo retries them.</summary>
    public static StorageUnavailableException WhileRunning(Exception inner) => new(
        $"The database named by ConnectionStrings:Dashboard is unreachable; nothing was stored: {FirstLine(inner)}", inner);

    private static string FirstLine(Exception ex)
    {
        var innermost = ex.GetBaseException();
        return innermost.Message.ReplaceLineEndings(" ");
    }
}
