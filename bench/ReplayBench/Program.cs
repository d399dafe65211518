using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Replay;
using Dashboard.Core.Storage;
using Dashboard.Core.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Callback replay benchmark (ADR-013): a file of N back-filled callbacks (each a message we do not have) previewed and
// replayed into a fresh SQLite file (synchronous FULL, as shipped), once per replay batch size, the sizes interleaved
// run after run. Meanwhile a probe writes one webhook's callback every 20 ms through the same writer and times its
// commit, before the replay (idle) and during it: what a webhook waits while a replay runs.
//   dotnet run -c Release --project bench/ReplayBench -- [callbacks=100000] [runs=2] [batchSizes=100,500,2000]
var callbacks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
var sizes = (args.Length > 2 ? args[2] : "100,500,2000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

var day = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
var text = new StringBuilder(callbacks * 220);
for (var i = 0; i < callbacks; i++)
{
    text.Append("MessageUUID=").Append(Guid.NewGuid()).Append("&Status=delivered&Sequence=3&From=14155550100&To=1415555")
        .Append((i % 10_000).ToString("0000", CultureInfo.InvariantCulture))
        .Append("&Type=sms&Units=1&TotalRate=0.00650&TotalAmount=0.00650&MCC=310&MNC=410&MessageTime=").Append(Uri.EscapeDataString(day)).Append('\n');
}

var (file, problem) = CallbackFile.Parse(Encoding.UTF8.GetBytes(text.ToString()));
if (file is null)
{
    Console.Error.WriteLine(problem);
    return 1;
}

Console.WriteLine($"{callbacks:N0} callbacks, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start");
Console.WriteLine();
Console.WriteLine("| run | batch | preview s | replay s | callbacks/s | probe idle p50 / p99 ms | probe during replay p50 / p99 / max ms | probes |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (var run = 1; run <= runs; run++)
{
    foreach (var size in sizes)
    {
        Console.WriteLine(await RunAsync(run, size, file));
    }
}

Console.WriteLine();
Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
return 0;

static async Task<string> RunAsync(int run, int batchSize, CallbackFile file)
{
    var path = Path.Combine(Path.GetTempPath(), $"replay-bench-{Guid.NewGuid():n}.db");
    var storage = new StorageOptions { ConnectionString = $"Data Source={path}", Synchronous = "FULL" };
    var factory = new DashboardDbFactory(storage);
    await using (var db = factory.CreateDbContext())
    {
        await db.Database.MigrateAsync();
    }

    var time = TimeProvider.System;
    var writer = new MessageWriter(Options.Create(storage), new LiveFeed(), new IncidentDetector(Options.Create(new IncidentOptions()), time), time,
        NullLogger<MessageWriter>.Instance);
    using var stop = new CancellationTokenSource();
    await writer.StartAsync(stop.Token);
    var replay = new CallbackReplay(factory, writer, Options.Create(new ReplayOptions { BatchSize = batchSize }), time);
    try
    {
        var idle = await ProbeAsync(writer, Task.Delay(TimeSpan.FromSeconds(2)));

        var started = Stopwatch.GetTimestamp();
        var preview = await replay.PreviewAsync(new ImportedCallbacks("bench.txt", file));
        var previewSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        started = Stopwatch.GetTimestamp();
        var replaying = replay.ReplayAsync(new ImportedCallbacks("bench.txt", file), "bench");
        var during = await ProbeAsync(writer, replaying);
        var replaySeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var report = await replaying;
        if (report.Changed != preview.Changed || report.Created != file.Lines().Count())
        {
            throw new InvalidOperationException($"The replay changed {report.Changed}, the preview said {preview.Changed}.");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"| {run} | {batchSize} | {previewSeconds:0.0} | {replaySeconds:0.0} | {report.Read / replaySeconds:N0} | {P(idle, 0.5):0.0} / {P(idle, 0.99):0.0} | "
            + $"{P(during, 0.5):0.0} / {P(during, 0.99):0.0} / {during.Max():0.0} | {during.Count} |");
    }
    finally
    {
        await writer.StopAsync(CancellationToken.None);
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}

// One webhook's callback every 20 ms until `until` completes; returns each commit's wait in milliseconds.
static async Task<List<double>> ProbeAsync(MessageWriter writer, Task until)
{
    var waits = new List<double>();
    while (!until.IsCompleted)
    {
        var callback = new StatusCallback
        {
            MessageUuid = Guid.NewGuid().ToString(), From = "14155550100", To = "14155550123", Status = MessageState.Sent, Sequence = 2, Raw = [],
        };
        var started = Stopwatch.GetTimestamp();
        await writer.WriteStatusAsync(callback);
        waits.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await Task.WhenAny(until, Task.Delay(20));
    }

    return waits;
}

static double P(List<double> values, double quantile)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }

    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}
