using System.Globalization;
using Dashboard.Bench.Latency;

// Live latency benchmark, one phase per run; bench/latency.sh starts the app and runs it idle (one change at a time,
// then 10 changes/s), then under wrk load.
// Posts signed status callbacks for fresh message UUIDs (each a new message, so a new row on the message log) to a
// running dashboard, paced at random intervals around --gap-ms, and times from each callback's 200 until the change
// reaches (a) a SignalR client of /hubs/messages and (b) the message log open in Chromium. Prints Markdown table rows.
//   LatencyBench --url http://127.0.0.1:5091 --token T --api-key K --user U --password P
//                [--phase idle] [--probes 200] [--gap-ms 100] [--warmup 10] [--drain-s 10] [--timeout-s 180] [--header]
//                [--screenshot page.png] [--listen-url http://127.0.0.1:5093]
// With --listen-url the hub client and the page are on that instance (B) while the callbacks go to --url (A): the
// latency across two instances (bench/latency.sh with BENCH_INSTANCES=2).
// With --render (bench/page.sh): the message log's server cost instead, see RenderBench.
var options = Options.Parse(args);
if (options.Has("render"))
{
    return await RenderBench.RunAsync(options);
}

var baseUrl = new Uri(options.Required("url"));
var listenUrl = new Uri(options.Get("listen-url", baseUrl.ToString()));
var phase = options.Get("phase", "idle");
var probes = options.Int("probes", 200);
var gapMs = options.Int("gap-ms", 100);
var warmup = options.Int("warmup", 10);
var drain = TimeSpan.FromSeconds(options.Int("drain-s", 10));
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Int("timeout-s", 180)));

if (options.Has("header"))
{
    Console.WriteLine("| phase | from the callback's 200 to | probes | min ms | p50 ms | p95 ms | p99 ms | max ms | missing | load avg 1 min |");
    Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
}

var log = new ProbeLog(new Clock());
var sender = new CallbackSender(baseUrl, options.Required("token"), log);
await using var hub = await HubListener.ConnectAsync(listenUrl, options.Required("api-key"), log, timeout.Token);
await using var page = await PageListener.OpenAsync(listenUrl, options.Required("user"), options.Required("password"), log);

// Warm-up, not counted: JIT on both sides, connections, and proof that the page's circuit is interactive.
var warmups = new List<(Probe Probe, Task Post)>();
var warmupDeadline = log.Clock.Now() + 60_000;
while (warmups.Count < warmup || !warmups.Any(w => w.Probe.AtHub is not null && w.Probe.InDom is not null))
{
    if (log.Clock.Now() > warmupDeadline)
    {
        throw new TimeoutException($"Warm-up: after 60 s the hub has seen {warmups.Count(w => w.Probe.AtHub is not null)} and the page "
            + $"{warmups.Count(w => w.Probe.InDom is not null)} of {warmups.Count} probes.");
    }

    var probe = log[ProbeLog.NewUuid()];
    warmups.Add((probe, sender.PostAsync(probe, timeout.Token)));
    await Task.Delay(200, timeout.Token);
}

await Task.WhenAll(warmups.Select(w => w.Post));
await Task.Delay(1000, timeout.Token);

// Measured: probes at random intervals (0.5–1.5 × gap) so they do not lock step with the 100 ms hub and 250 ms page batches.
var posts = new List<Task>();
var random = new Random();
for (var i = 0; i < probes; i++)
{
    var next = log[ProbeLog.NewUuid()];
    next.Measured = true;
    posts.Add(sender.PostAsync(next, timeout.Token));
    await Task.Delay(TimeSpan.FromMilliseconds(gapMs * (0.5 + random.NextDouble())), timeout.Token);
}

await Task.WhenAll(posts);
var measured = log.All.Where(p => p.Measured).ToList();
var drainEnd = log.Clock.Now() + drain.TotalMilliseconds;
while (log.Clock.Now() < drainEnd && measured.Any(p => p.Acknowledged is not null && (p.AtHub is null || p.InDom is null || p.ReportedByPage is null)))
{
    await Task.Delay(50, timeout.Token);
}

if (options.Has("screenshot"))
{
    await page.Page.ScreenshotAsync(new() { Path = options.Required("screenshot"), FullPage = true });
}

var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
var acknowledged = measured.Where(p => p.Acknowledged is not null).ToList();
Row("callback POST (its own 200, for reference)", measured.Where(p => p.Acknowledged is not null).Select(p => p.Acknowledged!.Value - p.PostStarted!.Value).ToList(), measured.Count);
Row("SignalR client (/hubs/messages)", acknowledged.Where(p => p.AtHub is not null).Select(p => p.AtHub!.Value - p.Acknowledged!.Value).ToList(), acknowledged.Count);
Row("page: row in the DOM (browser clock)", acknowledged.Where(p => p.InDom is not null).Select(p => p.InDom!.Value - p.Acknowledged!.Value).ToList(), acknowledged.Count);
Row("page: reported to the bench (via Playwright)", acknowledged.Where(p => p.ReportedByPage is not null).Select(p => p.ReportedByPage!.Value - p.Acknowledged!.Value).ToList(), acknowledged.Count);

var errors = measured.Where(p => p.Error is not null).GroupBy(p => p.Error).Select(g => $"{g.Count()} × {g.Key}");
Console.Error.WriteLine($"{phase}: hub: {hub.Invocations} invocations, largest batch {hub.LargestBatch} changes{(hub.Failure is null ? "" : ", failed: " + hub.Failure.Message)}; "
    + $"failed callbacks: {(errors.Any() ? string.Join(", ", errors) : "none")}");
return 0;

void Row(string receiver, List<double> latencies, int expected)
{
    latencies.Sort();
    var cells = new[] { latencies.Count > 0 ? latencies[0] : double.NaN, Percentile(latencies, 50), Percentile(latencies, 95), Percentile(latencies, 99), latencies.Count > 0 ? latencies[^1] : double.NaN };
    Console.WriteLine($"| {phase} | {receiver} | {latencies.Count} | {string.Join(" | ", cells.Select(Ms))} | {expected - latencies.Count} | {load} |");
}

// Whole milliseconds; "+ 0.0" turns a rounded -0 into 0. A negative time means the change beat the 200 to the receiver.
static string Ms(double value) => double.IsNaN(value) ? "–" : (Math.Round(value) + 0.0).ToString("F0", CultureInfo.InvariantCulture);

// Nearest rank: the smallest value with at least p % of the values at or below it.
static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
