using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

[Collection(BrowserCollection.Name)]
public class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AdminSignsInThroughTheFormAndSeesTheOverview()
    {
        var page = await fixture.SignedInPageAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Overview");
        await fixture.ScreenshotAsync(page, "01-overview");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WrongPasswordStaysOnTheSignInPageWithAMessage()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseUrl.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/messages");
        await page.FillAsync("input[name=username]", AppProcess.AdminUserName);
        await page.FillAsync("input[name=password]", "not-the-password");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("not right");
        await fixture.ScreenshotAsync(page, "00-sign-in-error");
        await context.CloseAsync();
    }
}
