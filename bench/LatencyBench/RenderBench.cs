using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Dashboard.Bench.Latency;

/// <summary>
/// The message log's cost on the server (bench/page.sh): a steady stream of new messages at <c>--rate</c> callbacks/s,
/// first with no browser open, then with <c>--browsers</c> Chromium pages on <c>/messages</c>. Reports each page's time
/// from navigation to its first row, and the dashboard's CPU time (read from <c>/proc/{--pid}/stat</c>) per second in
/// both phases; the difference divided by the live re-renders the pages applied (MutationObserver callbacks: Blazor
/// applies one render batch per callback) is the server CPU per live re-render.
/// </summary>
public static class RenderBench
{
    private const string RenderCounter = """
        () => {
          window.__renders = 0;
          new MutationObserver(() => { window.__renders++; })
            .observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
        }
        """;

    public static async Task<int> RunAsync(Options options)
    {
        var baseUrl = new Uri(options.Required("url"));
        var pid = options.Int("pid", 0);
        var rate = options.Int("rate", 1000);
        var seconds = options.Int("seconds", 20);
        var browsers = options.Int("browsers", 3);
        var log = new ProbeLog(new Clock());
        var sender = new CallbackSender(baseUrl, options.Required("token"), log);
        using var stop = new CancellationTokenSource();
        var load = Task.Run(() => SendSteadilyAsync(sender, log, rate, stop.Token));

        await Task.Delay(TimeSpan.FromSeconds(3));
        var alone = await CpuOverAsync(pid, seconds);

        await using var chromium = await Chromium.StartAsync();
        var firstRows = new List<double>();
        var pages = new List<IPage>();
        for (var i = 0; i < browsers; i++)
        {
            var page = await chromium.SignedInPageAsync(baseUrl, options.Required("user"), options.Required("password"));
            var started = Stopwatch.GetTimestamp();
            await page.GotoAsync("/messages");
            await page.WaitForSelectorAsync("a[data-uuid]");
            firstRows.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await page.EvaluateAsync(RenderCounter);
            pages.Add(page);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var rendersBefore = await RendersAsync(pages);
        var watched = await CpuOverAsync(pid, seconds);
        var renders = await RendersAsync(pages) - rendersBefore;
        await stop.CancelAsync();
        var reached = await load;

        var failed = log.All.Count(p => p.Error is not null);
        var perRender = renders > 0 ? (watched - alone) * seconds * 1000 / renders : double.NaN;
        firstRows.Sort();
        Console.WriteLine($"| {options.Get("label", "build")} | {Ms(firstRows[firstRows.Count / 2])} ({Ms(firstRows[0])}–{Ms(firstRows[^1])}) | "
            + $"{reached:F0} | {alone:F0} | {watched:F0} | {renders / (double)seconds:F1} | {perRender:F0} | {failed} |");
        return 0;
    }

    /// <summary>The most callbacks in flight at once; past it the sender falls behind rather than open more connections.</summary>
    private const int MaxInFlight = 128;

    /// <summary>
    /// New messages at a steady rate: every 20 ms, the callbacks due since the start, posted concurrently (at most
    /// <see cref="MaxInFlight"/> at a time). Returns the rate reached.
    /// </summary>
    private static async Task<double> SendSteadilyAsync(CallbackSender sender, ProbeLog log, int rate, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        long sent = 0;
        var inFlight = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate);
            for (; sent < due && inFlight.Count < MaxInFlight; sent++)
            {
                inFlight.Add(sender.PostAsync(log[ProbeLog.NewUuid()], CancellationToken.None));
            }

            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(inFlight);
        return sent / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>The process's CPU time (user + system) over the next <paramref name="seconds"/>, in CPU-milliseconds per second.</summary>
    private static async Task<double> CpuOverAsync(int pid, int seconds)
    {
        var before = CpuTicks(pid);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        return (CpuTicks(pid) - before) * 10.0 / seconds; // 100 clock ticks per second on Linux: 10 ms each.
    }

    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static async Task<long> RendersAsync(List<IPage> pages)
    {
        long total = 0;
        foreach (var page in pages)
        {
            total += await page.EvaluateAsync<long>("() => window.__renders");
        }

        return total;
    }

    private static string Ms(double value) => value.ToString("F0", CultureInfo.InvariantCulture);
}
