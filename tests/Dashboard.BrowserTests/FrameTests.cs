using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// The frame every page sits in, and the pages outside it: sign-in and not-found. Each is looked at light, dark and
/// at phone width, with no serious accessibility violation; the theme a person picks stays picked.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FrameTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignInPageIsReadableInEveryVariant()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseUrl.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");

        await fixture.CheckPageAsync(page, "login", p => Assertions.Expect(p.GetByLabel("User name")).ToBeVisibleAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task OverviewIsReadableInEveryVariant()
    {
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/");

        await fixture.CheckPageAsync(page, "overview", p => Assertions.Expect(p.Locator("[data-chart=per-minute]")).ToBeVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UnknownAddressShowsTheNotFoundPageWithTheNavigation()
    {
        var page = await fixture.SignedInPageAsync();

        var response = await page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=not-found] h1")).ToHaveTextAsync("Not found");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Messages" })).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "not-found", p => Assertions.Expect(p.Locator("[data-testid=not-found]")).ToBeVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ChosenDarkModeSurvivesReloadTypedAddressAndSigningInAgain()
    {
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/");
        var frame = page.Locator("[data-theme]");
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-theme", "light");

        await page.GetByRole(AriaRole.Button, new() { Name = "Theme" }).ClickAsync();
        await page.Locator("[data-theme-choice=dark]").ClickAsync();
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-theme", "dark");

        await page.ReloadAsync();
        Assert.Equal("dark", await PrerenderedThemeAsync(page));
        await page.GotoAsync("/messages");
        Assert.Equal("dark", await PrerenderedThemeAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/login");
        await BrowserFixture.SignInAsync(page);
        Assert.Equal("dark", await PrerenderedThemeAsync(page));
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-theme", "dark");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WithoutAChoiceTheSystemsSchemeIsFollowedFromTheFirstPaint()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseUrl.ToString(), ColorScheme = ColorScheme.Dark });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserFixture.SignInAsync(page);

        Assert.Equal("dark", await PrerenderedThemeAsync(page));
        await context.CloseAsync();
    }

    [Fact]
    public async Task AtPhoneWidthTheNavigationIsAnOverlayOpenedFromTheMenuButton()
    {
        var page = await fixture.SignedInPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.GoToInteractiveAsync(page, "/");
        var messages = page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Messages" });
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Navigation menu" });
        // The drawer closes itself once the circuit has measured the viewport.
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(messages).Not.ToBeInViewportAsync();

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(messages).ToBeInViewportAsync();
        await fixture.ScreenshotAsync(page, "frame-phone-navigation-open");
        await messages.ClickAsync();

        await page.WaitForURLAsync("**/messages");
        await Assertions.Expect(messages).Not.ToBeInViewportAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>The theme the server drew before any script ran: what the person sees first (no flash).</summary>
    private static async Task<string?> PrerenderedThemeAsync(IPage page)
    {
        var html = await page.Context.APIRequest.GetAsync(page.Url);
        var match = System.Text.RegularExpressions.Regex.Match(await html.TextAsync(), "data-theme=\"(\\w+)\"");
        return match.Success ? match.Groups[1].Value : null;
    }
}
