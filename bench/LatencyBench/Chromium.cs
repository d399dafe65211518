using Microsoft.Playwright;

namespace Dashboard.Bench.Latency;

/// <summary>Debian's Chromium (never a downloaded browser), headless; each page in a context of its own, signed in through the real form.</summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A new context at desktop size, signed in; the page is left on wherever sign-in lands.</summary>
    public async Task<IPage> SignedInPageAsync(Uri baseUrl, string userName, string password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/login");
            await page.FillAsync("input[name=username]", userName);
            await page.FillAsync("input[name=password]", password);
            await page.ClickAsync("button[type=submit]");
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { Timeout = 10_000 });
                return page;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                var body = await page.InnerTextAsync("body");
                Console.Error.WriteLine($"sign-in attempt {attempt} stayed on {page.Url}: {body.ReplaceLineEndings(" ")[..Math.Min(300, body.Length)]}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
