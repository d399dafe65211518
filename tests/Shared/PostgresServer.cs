using Dashboard.Core.Storage.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Tests.Shared;

/// <summary>
/// One PostgreSQL server per test run (Debian's <c>postgresql</c>, installed with apt-get when missing), on a temp data
/// folder and a free loopback port, run as the <c>postgres</c> user and stopped by its pid when the run ends. Each test
/// class gets a fresh database copied from a migrated template (<c>CREATE DATABASE … TEMPLATE</c>).
/// </summary>
public sealed class PostgresServer
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private const string TemplateName = "dashboard_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _instance;

    private readonly string _folder;
    private readonly int _port;

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        _port = port;
    }

    public int Port => _port;

    /// <summary>The connection string of a database on this server (the maintenance one by default).</summary>
    public string ConnectionString(string database = "postgres", bool pooling = true) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling={pooling};Timeout=10;Command Timeout=60";

    public static async Task<PostgresServer> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _instance ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A new database with the migrated schema; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():n}";
        await Gate.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {TemplateName}");
        }
        finally
        {
            Gate.Release();
        }

        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing what still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        await ServerProcesses.EnsureInstalledAsync($"{Bin}/initdb", "postgresql");
        var folder = Path.Combine(Path.GetTempPath(), $"pg-tests-{Guid.NewGuid():n}");
        Directory.CreateDirectory(folder);
        await ServerProcesses.RunAsync("chown", $"postgres {folder}");
        await ServerProcesses.RunAsync("su", $"postgres -c \"{Bin}/initdb -D {folder}/data -A trust -E UTF8 --locale=C.UTF-8 -U postgres\"");
        var port = ServerProcesses.FreePort();
        // Durability off: a test database is thrown away, and fsync would be most of the suite's time.
        var settings = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off -c max_connections=400"
            // For the tests that check how often the writer's statements are planned (each database sees its own rows).
            + " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on";
        await ServerProcesses.RunAsync("su", $"postgres -c \"{Bin}/pg_ctl -D {folder}/data -l {folder}/server.log -o '{settings}' -w start\"");
        var server = new PostgresServer(folder, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();

        var template = server.ConnectionString(TemplateName, pooling: false);
        await server.ExecuteAsync($"CREATE DATABASE {TemplateName}");
        await using (var connection = new NpgsqlConnection(template))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE EXTENSION pg_stat_statements", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using (var db = new PostgreSqlDashboardDb(new DbContextOptionsBuilder<PostgreSqlDashboardDb>().UseNpgsql(template).Options))
        {
            await db.Database.MigrateAsync();
        }

        return server;
    }

    /// <summary>Stops the server by the pid in its postmaster.pid (fast shutdown).</summary>
    private void Stop() => ServerProcesses.Stop(Path.Combine(_folder, "data", "postmaster.pid"), "INT", _folder);
}
