using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Reconciliation;
using Dashboard.Core.Storage;
using Dashboard.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>
/// A migrated database of its own (a SQLite file, or a fresh PostgreSQL database on the run's server) and a running
/// <see cref="MessageWriter"/> on it; <see cref="StartSecondWriterAsync"/> adds another, as a second instance would.
/// </summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly string? _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<MessageWriter> _others = [];
    private StorageOptions _options = null!;
    private DashboardDbFactory _factory = null!;

    private TempDatabase(StorageProvider provider, string connectionString, string? path)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _path = path;
    }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    public LiveFeed Feed { get; } = new();

    public MessageWriter Writer { get; private set; } = null!;

    /// <summary>The detector the writer hands its failures to, with the default <see cref="IncidentOptions"/>.</summary>
    public IncidentDetector Incidents { get; private set; } = null!;

    public static async Task<TempDatabase> CreateAsync(int maxBatch = 2_000, StorageProvider provider = StorageProvider.Sqlite)
    {
        TempDatabase database;
        if (provider == StorageProvider.PostgreSql)
        {
            var server = await PostgresServer.GetAsync();
            database = new TempDatabase(provider, await server.CreateDatabaseAsync(), path: null);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), $"core-tests-{Guid.NewGuid():n}.db");
            database = new TempDatabase(provider, $"Data Source={path}", path);
        }

        database._options = new StorageOptions
        {
            Provider = provider, ConnectionString = database.ConnectionString, Synchronous = "NORMAL", MaxBatch = maxBatch,
        };
        database._factory = new DashboardDbFactory(database._options);
        if (provider == StorageProvider.Sqlite)
        {
            await using var db = database.CreateDb();
            await db.Database.MigrateAsync();
        }

        await database.StartWriterAsync();
        return database;
    }

    /// <summary>Stops the writer and starts a new one on the same database, as a restart of the app would.</summary>
    public async Task RestartWriterAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        await StartWriterAsync();
    }

    /// <summary>Another writer on the same database, with a feed of its own: a second instance of the app.</summary>
    public async Task<MessageWriter> StartSecondWriterAsync()
    {
        var writer = new MessageWriter(Options.Create(_options), new LiveFeed(), new IncidentDetector(Options.Create(new IncidentOptions()), Time), Time, NullLogger<MessageWriter>.Instance);
        await writer.StartAsync(_stop.Token);
        _others.Add(writer);
        return writer;
    }

    private async Task StartWriterAsync()
    {
        Incidents = new IncidentDetector(Options.Create(new IncidentOptions()), Time);
        Writer = new MessageWriter(Options.Create(_options), Feed, Incidents, Time, NullLogger<MessageWriter>.Instance);
        await Writer.StartAsync(_stop.Token);
    }

    public DashboardDb CreateDb() => _factory.CreateDbContext();

    /// <summary>The message log's queries on this database (silent messages judged by <paramref name="reconciliation"/>).</summary>
    public MessageQueries Queries(ReconciliationOptions? reconciliation = null) => new(new TestDbFactory(this), Silent(reconciliation));

    public SilentMessages Silent(ReconciliationOptions? reconciliation = null) =>
        new(new TestDbFactory(this), new FixedOptionsMonitor<ReconciliationOptions>(reconciliation ?? new()), Time);

    public async ValueTask DisposeAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        foreach (var other in _others)
        {
            await other.StopAsync(CancellationToken.None);
        }

        _stop.Dispose();
        if (_path is not null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_path);
        }
        else
        {
            await (await PostgresServer.GetAsync()).DropDatabaseAsync(ConnectionString);
        }
    }
}
