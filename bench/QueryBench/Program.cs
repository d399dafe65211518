using System.Diagnostics;
using Dashboard.Bench;
using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// Query benchmark: generates 1,000,000 and 10,000,000 messages (or the sizes given), then times the pages'
// queries through the real Core services. Prints a Markdown table; run by hand:
//   dotnet run -c Release --project bench/QueryBench -- [sizes, e.g. 1000000,10000000] [runs=5] [folder=/tmp]
var sizes = (args.Length > 0 ? args[0] : "1000000,10000000").Split(',').Select(int.Parse).ToArray();
var runs = args.Length > 1 ? int.Parse(args[1]) : 5;
var folder = args.Length > 2 ? args[2] : Path.GetTempPath();

Console.WriteLine("| messages | query | median ms | max ms |");
Console.WriteLine("| ---: | --- | ---: | ---: |");
var notes = new List<string>();
foreach (var size in sizes)
{
    var path = Path.Combine(folder, $"querybench-{size}.db");
    var connectionString = $"Data Source={path}";
    var factory = new Factory(connectionString);
    if (!File.Exists(path))
    {
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
        }

        await Generator.FillAsync(connectionString, size);
    }

    var queries = new MessageQueries(factory);
    var (middleTime, middleId) = await MiddleAsync(factory);
    var cases = new (string Name, Func<Task> Run)[]
    {
        ("message log, first page", () => queries.ListAsync(new MessageFilter { Limit = 50 })),
        ("message log, state=failed", () => queries.ListAsync(new MessageFilter { Limit = 50, States = [MessageState.Failed] })),
        ("message log, error_code=30", () => queries.ListAsync(new MessageFilter { Limit = 50, ErrorCode = "30" })),
        ("message log, inbound", () => queries.ListAsync(new MessageFilter { Limit = 50, Direction = MessageDirection.Inbound })),
        ("message log, search by number", () => queries.ListAsync(new MessageFilter { Limit = 50, Search = "14155550100" })),
        ("message log, deep page (keyset, middle)", () => queries.ListAsync(new MessageFilter { Limit = 50, Before = (middleTime, middleId) })),
        ("message detail by UUID", async () => await queries.GetAsync((await FirstUuidAsync(factory))!)),
    };
    cases = [.. cases, .. ReportCases.For(factory)];
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
    notes.Add($"{size:N0} messages: database {new FileInfo(path).Length / 1024.0 / 1024.0:F0} MiB");
}

notes.Add($"peak working set of this process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
Console.WriteLine();
notes.ForEach(Console.WriteLine);

static async Task<(DateTime, long)> MiddleAsync(Factory factory)
{
    await using var db = factory.CreateDbContext();
    var count = await db.Messages.CountAsync();
    var row = await db.Messages.AsNoTracking().OrderByDescending(m => m.MessageTime).ThenByDescending(m => m.Id)
        .Skip(count / 2).Select(m => new { m.MessageTime, m.Id }).FirstAsync();
    return (row.MessageTime, row.Id);
}

static async Task<string?> FirstUuidAsync(Factory factory)
{
    await using var db = factory.CreateDbContext();
    return await db.Messages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.MessageUuid).FirstOrDefaultAsync();
}

/// <summary>The dashboard's context factory, as the app registers it.</summary>
internal sealed class Factory(string connectionString) : IDbContextFactory<DashboardDb>
{
    public DashboardDb CreateDbContext() => new(new DbContextOptionsBuilder<DashboardDb>().UseSqlite(connectionString).Options);
}
