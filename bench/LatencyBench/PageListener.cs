using System.Globalization;
using Microsoft.Playwright;

namespace Dashboard.Bench.Latency;

/// <summary>
/// The message log open in <see cref="Chromium"/>, signed in through the real form. A
/// MutationObserver reports each probe UUID the first time an element carrying it (<c>a[data-uuid]</c>, the row's
/// link) is in the DOM, with the browser's wall-clock time; the report crosses to this process through a Playwright
/// exposed function, whose arrival is timed too.
/// </summary>
public sealed class PageListener : IAsyncDisposable
{
    private const string ReportFunction = "__latencyBenchSeen";

    // Blazor's diff often reuses a row's elements and only rewrites their attributes, so attribute changes count too.
    private const string ObserverScript = """
        prefix => {
          const seen = new Set();
          const scan = () => {
            const at = Date.now();
            let report = '';
            for (const a of document.querySelectorAll('a[data-uuid^="' + prefix + '"]')) {
              const id = a.getAttribute('data-uuid');
              if (!seen.has(id)) { seen.add(id); report += id + '@' + at + ';'; }
            }
            if (report) window.__latencyBenchSeen(report);
          };
          scan();
          new MutationObserver(scan).observe(document.documentElement,
            { childList: true, subtree: true, attributes: true, attributeFilter: ['data-uuid'] });
        }
        """;

    private readonly Chromium _chromium;

    private PageListener(Chromium chromium, IPage page)
    {
        _chromium = chromium;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<PageListener> OpenAsync(Uri baseUrl, string userName, string password, ProbeLog log)
    {
        var chromium = await Chromium.StartAsync();
        var page = await chromium.SignedInPageAsync(baseUrl, userName, password);
        await page.ExposeFunctionAsync(ReportFunction, (string report) => Report(log, report));
        await page.GotoAsync("/messages");
        await page.EvaluateAsync(ObserverScript, ProbeLog.Prefix);
        return new PageListener(chromium, page);
    }

    /// <summary>"uuid@epochMs;uuid@epochMs;..." from the observer.</summary>
    private static void Report(ProbeLog log, string report)
    {
        var reported = log.Clock.Now();
        foreach (var entry in report.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = entry.LastIndexOf('@');
            var epochMs = double.Parse(entry.AsSpan(at + 1), CultureInfo.InvariantCulture);
            log.SeenOnPage(entry[..at], log.Clock.FromEpochMs(epochMs), reported);
        }
    }

    public ValueTask DisposeAsync() => _chromium.DisposeAsync();
}
