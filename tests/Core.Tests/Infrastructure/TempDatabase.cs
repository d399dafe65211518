using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>A migrated SQLite file of its own and a running <see cref="MessageWriter"/> on it.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"core-tests-{Guid.NewGuid():n}.db");
    private readonly CancellationTokenSource _stop = new();
    private StorageOptions _options = null!;

    private TempDatabase()
    {
        ConnectionString = $"Data Source={_path}";
    }

    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    public LiveFeed Feed { get; } = new();

    public MessageWriter Writer { get; private set; } = null!;

    public static async Task<TempDatabase> CreateAsync(int maxBatch = 2_000)
    {
        var database = new TempDatabase();
        await using (var db = database.CreateDb())
        {
            await db.Database.MigrateAsync();
        }

        database._options = new StorageOptions { ConnectionString = database.ConnectionString, Synchronous = "NORMAL", MaxBatch = maxBatch };
        await database.StartWriterAsync();
        return database;
    }

    /// <summary>Stops the writer and starts a new one on the same file, as a restart of the app would.</summary>
    public async Task RestartWriterAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        await StartWriterAsync();
    }

    private async Task StartWriterAsync()
    {
        Writer = new MessageWriter(Options.Create(_options), Feed, Time, NullLogger<MessageWriter>.Instance);
        await Writer.StartAsync(_stop.Token);
    }

    public DashboardDb CreateDb() => new(new DbContextOptionsBuilder<DashboardDb>().UseSqlite(ConnectionString).Options);

    public async ValueTask DisposeAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        _stop.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
