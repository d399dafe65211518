using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests.Infrastructure;

/// <summary>How a page is looked at: light and dark at desktop width, light at phone width.</summary>
public sealed record PageVariant(string Name, ColorScheme Scheme, int Width, int Height)
{
    public static PageVariant Light { get; } = new("light", ColorScheme.Light, 1400, 900);

    public static PageVariant Dark { get; } = new("dark", ColorScheme.Dark, 1400, 900);

    /// <summary>A common phone (390 × 844 CSS pixels).</summary>
    public static PageVariant Phone { get; } = new("phone", ColorScheme.Light, 390, 844);

    public static IReadOnlyList<PageVariant> All { get; } = [Light, Dark, Phone];
}

/// <summary>
/// What every page's browser test runs once its page shows what it should: <see cref="CheckPageAsync"/> opens the
/// same address again in each <see cref="PageVariant"/> (with the page's cookies, so signed in as the same person),
/// saves a screenshot of each to TestResults/screenshots/{name}-{variant}.png, and fails on any serious or
/// critical axe-core violation, on a page that scrolls sideways, or on any browser console error (a script error,
/// a Content-Security-Policy refusal).
/// </summary>
public static class PageChecks
{
    private static readonly HashSet<string> Failing = ["serious", "critical"];

    /// <param name="name">The screenshots' file name prefix ("login", "overview").</param>
    /// <param name="ready">What to wait for before looking (the page's content); the frame's own readiness (circuit
    /// live, palette drawn) is awaited anyway.</param>
    /// <param name="exclude">CSS selectors left out of the accessibility check (none of the pages needs one today).</param>
    public static async Task CheckPageAsync(this BrowserFixture fixture, IPage page, string name, Func<IPage, Task>? ready = null, params string[] exclude)
    {
        var state = await page.Context.StorageStateAsync();
        foreach (var variant in PageVariant.All)
        {
            await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = fixture.App.BaseUrl.ToString(),
                StorageState = state,
                ColorScheme = variant.Scheme,
                ViewportSize = new() { Width = variant.Width, Height = variant.Height },
            });
            context.SetDefaultTimeout(15_000);
            var view = await context.NewPageAsync();
            var errors = new List<string>();
            view.Console += (_, message) =>
            {
                // The not-found page's own 404 is the answer it should give, not an error of the page.
                var ownStatus = message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) && message.Location.StartsWith(page.Url, StringComparison.Ordinal);
                if (message.Type == "error" && !ownStatus)
                {
                    lock (errors)
                    {
                        errors.Add(message.Text);
                    }
                }
            };
            view.PageError += (_, error) =>
            {
                lock (errors)
                {
                    errors.Add(error);
                }
            };
            await OpenAsync(view, page.Url, variant.Scheme == ColorScheme.Dark);
            if (ready is not null)
            {
                await ready(view);
            }

            await view.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotFolder, $"{name}-{variant.Name}.png"), FullPage = true });
            await AssertAccessibleAsync(view, $"{name} ({variant.Name})", exclude);
            await AssertNoWiderThanTheWindowAsync(view, $"{name} ({variant.Name})");
            lock (errors)
            {
                // Content-Security-Policy refusals land here too.
                Assert.True(errors.Count == 0, $"{name} ({variant.Name}): browser console errors\n" + string.Join("\n", errors));
            }
        }
    }

    /// <summary>Fails on serious or critical axe-core violations, listing each rule and the elements that break it.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string what, params string[] exclude)
    {
        var context = new AxeRunContext { Exclude = [.. exclude.Select(s => new AxeSelector(s))] };
        var result = await page.RunAxe(context, new AxeRunOptions());

        var failures = result.Violations.Where(v => Failing.Contains(v.Impact)).ToList();
        Assert.True(failures.Count == 0, $"{what}: accessibility violations\n" + string.Join("\n", failures.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {n.Target}: {n.Html}")))));
    }

    /// <summary>Fails when the page scrolls sideways, naming the innermost elements that stick out on the right.</summary>
    public static async Task AssertNoWiderThanTheWindowAsync(IPage page, string what)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var window = await page.EvaluateAsync<int>("() => window.innerWidth");
        if (width <= window)
        {
            return;
        }

        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                    && getComputedStyle(e).position !== 'fixed' && !e.closest('[aria-hidden=true]')
                    && [...e.children].every(c => c.getBoundingClientRect().right <= window.innerWidth + 1))
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
            """);
        Assert.Fail($"{what}: the page is {width} px wide in a {window} px window: " + string.Join("; ", wide));
    }

    /// <summary>Opens <paramref name="url"/> as the scheme's own visitor would and waits for the frame to settle.</summary>
    private static async Task OpenAsync(IPage page, string url, bool dark)
    {
        // The system's scheme reaches the server as viewer.js's cookie; set it first, as a returning visitor has it.
        await page.Context.AddCookiesAsync([new Cookie { Name = "dashboard.system-dark", Value = dark ? "1" : "0", Url = url }]);
        await page.GotoAsync(url);
        var frame = page.Locator("[data-interactive]");
        if (await frame.CountAsync() > 0)
        {
            await Assertions.Expect(frame).ToHaveAttributeAsync("data-interactive", "true");
            await Assertions.Expect(frame).ToHaveAttributeAsync("data-theme", dark ? "dark" : "light");
        }
    }
}
