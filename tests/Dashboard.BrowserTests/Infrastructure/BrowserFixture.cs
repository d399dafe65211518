using Microsoft.Playwright;

namespace Dashboard.BrowserTests.Infrastructure;

/// <summary>
/// One running dashboard and one Debian Chromium (never a downloaded browser) shared by the browser tests;
/// each test opens its own signed-in page. Screenshots go to TestResults/screenshots in the repository.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private Lazy<Task<string>> _adminState;

    public BrowserFixture() => _adminState = new(SignInAdminOnceAsync);

    public AppProcess App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string ScreenshotFolder { get; } = Path.Combine(AppProcess.RepositoryRoot(), "TestResults", "screenshots");

    /// <summary>
    /// The app under test plays against its embedded simulator in fast mode (milliseconds instead of seconds), with
    /// no demo traffic of its own: every message on the pages is one a test sent or posted.
    /// </summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Simulator__Enabled"] = "true",
        ["Simulator__Speed"] = "Fast",
        ["Simulator__DemoSendsPerMinute"] = "0",
        ["Simulator__InboundPerMinute"] = "0",
    };

    public async Task InitializeAsync()
    {
        await EnsureChromiumAsync();
        Directory.CreateDirectory(ScreenshotFolder);
        App = await AppProcess.StartAsync(Settings);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>
    /// Installs Debian's Chromium on first use when it is missing (our machines run tests as root with apt), so the
    /// README's one test command needs nothing installed by hand; elsewhere it says what to install.
    /// </summary>
    private static async Task EnsureChromiumAsync()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        foreach (var arguments in new[] { "update -qq", "install -y -qq chromium" })
        {
            var info = new System.Diagnostics.ProcessStartInfo("apt-get", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            try
            {
                using var process = System.Diagnostics.Process.Start(info)!;
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
            {
                break;
            }
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {ChromiumPath}: run `apt-get install -y chromium`.");
        }
    }

    /// <summary>
    /// A new browser context signed in through the real sign-in form, on the page the sign-in lands on. The admin
    /// signs in once per run and later contexts reuse that cookie: the sign-in rate limit (10 a minute per address)
    /// would otherwise refuse the suite's own browsers.
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string userName = AppProcess.AdminUserName, string password = AppProcess.AdminPassword)
    {
        var admin = userName == AppProcess.AdminUserName && password == AppProcess.AdminPassword;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl.ToString(),
            ViewportSize = new() { Width = 1400, Height = 900 },
            StorageState = admin ? await _adminState.Value : null,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        if (admin)
        {
            await page.GotoAsync("/");
            if (page.Url.Contains("/login", StringComparison.Ordinal))
            {
                // A test signed the admin out, which ends its sessions everywhere: sign in again and share the new one.
                await SignInAsync(page);
                var state = await context.StorageStateAsync();
                _adminState = new(Task.FromResult(state));
            }

            return page;
        }

        await page.GotoAsync("/login");
        await SignInAsync(page, userName, password);
        return page;
    }

    private async Task<string> SignInAdminOnceAsync()
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await SignInAsync(page);
        return await context.StorageStateAsync();
    }

    /// <summary>Fills in and sends the sign-in form the page shows, and waits to be let in.</summary>
    public static async Task SignInAsync(IPage page, string userName = AppProcess.AdminUserName, string password = AppProcess.AdminPassword)
    {
        await page.FillAsync("input[name=username]", userName);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>Opens a page and waits until its Blazor circuit is live (typing into the prerendered page is lost).</summary>
    public static async Task GoToInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
