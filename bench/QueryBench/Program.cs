using System.Diagnostics;
using Dashboard.Bench;
using Dashboard.Core.Messages;
using Dashboard.Core.Reconciliation;
using Dashboard.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

// Query benchmark: generates 1,000,000 and 10,000,000 messages (or the sizes given), then times the pages'
// queries through the real Core services. Prints a Markdown table; run by hand:
//   dotnet run -c Release --project bench/QueryBench -- [sizes, e.g. 1000000,10000000] [runs=5] [folder=/tmp] [only cases containing]
// BENCH_PROVIDER=PostgreSql BENCH_PG="Host=…;Username=…" runs the same on PostgreSQL: one database per size on that server
// (querybench_<size>, made and filled when missing), instead of SQLite files in the folder.
var sizes = (args.Length > 0 ? args[0] : "1000000,10000000").Split(',').Select(int.Parse).ToArray();
var runs = args.Length > 1 ? int.Parse(args[1]) : 5;
var folder = args.Length > 2 ? args[2] : Path.GetTempPath();
var only = args.Length > 3 ? args[3] : null; // run only the cases whose name contains this

var provider = Enum.Parse<StorageProvider>(Environment.GetEnvironmentVariable("BENCH_PROVIDER") ?? nameof(StorageProvider.Sqlite), ignoreCase: true);

Console.WriteLine($"| messages ({provider}) | query | median ms | max ms |");
Console.WriteLine("| ---: | --- | ---: | ---: |");
var notes = new List<string>();
foreach (var size in sizes)
{
    var path = Path.Combine(folder, $"querybench-{size}.db");
    var (connectionString, exists) = provider == StorageProvider.PostgreSql
        ? await PostgreSqlDatabaseAsync(size)
        : ($"Data Source={path}", File.Exists(path));
    var factory = new DashboardDbFactory(new StorageOptions { Provider = provider, ConnectionString = connectionString });
    if (!exists)
    {
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
        }

        await Generator.FillAsync(provider, connectionString, size);
    }

    var reconciliation = new ServiceCollection().AddOptions<ReconciliationOptions>().Services.BuildServiceProvider()
        .GetRequiredService<IOptionsMonitor<ReconciliationOptions>>();
    var silent = new SilentMessages(factory, reconciliation, TimeProvider.System);
    var queries = new MessageQueries(factory, silent);
    var (middleTime, middleId) = await MiddleAsync(factory);
    var cases = new (string Name, Func<Task> Run)[]
    {
        ("message log, first page", () => queries.ListAsync(new MessageFilter { Limit = 50 })),
        ("message log, state=failed", () => queries.ListAsync(new MessageFilter { Limit = 50, States = [MessageState.Failed] })),
        ("message log, error_code=30", () => queries.ListAsync(new MessageFilter { Limit = 50, ErrorCode = "30" })),
        ("message log, inbound", () => queries.ListAsync(new MessageFilter { Limit = 50, Direction = MessageDirection.Inbound })),
        ("message log, search by number", () => queries.ListAsync(new MessageFilter { Limit = 50, Search = "14155550100" })),
        ("message log, deep page (keyset, middle)", () => queries.ListAsync(new MessageFilter { Limit = 50, Before = (middleTime, middleId) })),
        ("message log, oldest first, first page", () => queries.ListAsync(new MessageFilter { Limit = 50, Order = MessageOrder.OldestFirst })),
        ("message log, oldest first, deep page (keyset, middle)", () => queries.ListAsync(new MessageFilter { Limit = 50, Order = MessageOrder.OldestFirst, After = (middleTime, middleId) })),
        ("message log, state=failed,undelivered", () => queries.ListAsync(new MessageFilter { Limit = 50, States = [MessageState.Failed, MessageState.Undelivered] })),
        ("message log, partial number 5550199 (rare)", () => queries.ListAsync(new MessageFilter { Limit = 50, Search = "5550199" })),
        ("message log, partial number +1 415 555 01 (common)", () => queries.ListAsync(new MessageFilter { Limit = 50, Search = "+1 415 555 01" })),
        ("message log, text 'BENCHMARK' (every row)", () => queries.ListAsync(new MessageFilter { Limit = 50, Search = "BENCHMARK" })),
        ("message log, text 'no such words' (no row)", () => queries.ListAsync(new MessageFilter { Limit = 50, Search = "no such words" })),
        ("count ≤ 10,000, no filter", () => queries.CountAsync(new MessageFilter())),
        ("count ≤ 10,000, state=failed,undelivered", () => queries.CountAsync(new MessageFilter { States = [MessageState.Failed, MessageState.Undelivered] })),
        ("count ≤ 10,000, partial number 5550199", () => queries.CountAsync(new MessageFilter { Search = "5550199" })),
        ("count ≤ 10,000, text 'no such words'", () => queries.CountAsync(new MessageFilter { Search = "no such words" })),
        ("count ≤ 10,000, text 'BENCHMARK'", () => queries.CountAsync(new MessageFilter { Search = "BENCHMARK" })),
        ("CSV export, state=failed (to a null writer)", () => MessageCsv.WriteAsync(queries.StreamAsync(new MessageFilter { States = [MessageState.Failed] }), TextWriter.Null)),
        ("CSV export, every message (to a null writer)", () => MessageCsv.WriteAsync(queries.StreamAsync(new MessageFilter()), TextWriter.Null)),
        ("overview, silent messages count", () => silent.CountAsync()),
        ("reconciler, 500 silent messages due", () => silent.DueAsync(500)),
        ("message detail by UUID", async () => await queries.GetAsync((await FirstUuidAsync(factory))!)),
    };
    cases = [.. cases, .. ReportCases.For(factory)];
    cases = [.. cases.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];
    foreach (var (name, run) in cases)
    {
        await run(); // warm-up: JIT and page cache
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"| {size:N0} | {name} | {times[times.Count / 2]:F1} | {times[^1]:F1} |");
    }

    SqliteConnection.ClearAllPools();
    notes.Add($"{size:N0} messages: database {await DatabaseBytesAsync(factory, path) / 1024.0 / 1024.0:F0} MiB");
}

notes.Add($"peak working set of this process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
Console.WriteLine();
notes.ForEach(Console.WriteLine);

// The size's database on BENCH_PG's server, and whether it was there already (generated by an earlier run).
static async Task<(string ConnectionString, bool Exists)> PostgreSqlDatabaseAsync(int size)
{
    var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("BENCH_PG")
        ?? throw new InvalidOperationException("BENCH_PROVIDER=PostgreSql needs BENCH_PG, a connection string to the server."));
    var name = $"querybench_{size}";
    await using var connection = new NpgsqlConnection(server.ConnectionString);
    await connection.OpenAsync();
    await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
    exists.Parameters.AddWithValue("name", name);
    var found = await exists.ExecuteScalarAsync() is not null;
    if (!found)
    {
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
    }

    return (new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString, found);
}

static async Task<long> DatabaseBytesAsync(DashboardDbFactory factory, string path)
{
    if (factory.Provider != StorageProvider.PostgreSql)
    {
        return new FileInfo(path).Length;
    }

    await using var db = factory.CreateDbContext();
    return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync();
}

static async Task<(DateTime, long)> MiddleAsync(IDbContextFactory<DashboardDb> factory)
{
    await using var db = factory.CreateDbContext();
    var count = await db.Messages.CountAsync();
    var row = await db.Messages.AsNoTracking().OrderByDescending(m => m.MessageTime).ThenByDescending(m => m.Id)
        .Skip(count / 2).Select(m => new { m.MessageTime, m.Id }).FirstAsync();
    return (row.MessageTime, row.Id);
}

static async Task<string?> FirstUuidAsync(IDbContextFactory<DashboardDb> factory)
{
    await using var db = factory.CreateDbContext();
    return await db.Messages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.MessageUuid).FirstOrDefaultAsync();
}
