using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

[Collection(BrowserCollection.Name)]
public class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AdminSignsInAndTheOverviewCountsANewDeliveredMessageLive()
    {
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(Guid.NewGuid().ToString(), "delivered", 3, "000"));
        var page = await fixture.SignedInPageAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Overview");
        await BrowserFixture.GoToInteractiveAsync(page, "/");
        var delivered = page.Locator("[data-stat=delivered] [data-value]");
        var before = int.Parse(await delivered.InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);

        var uuid = Guid.NewGuid().ToString();
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "delivered", 3, "000"));

        await Assertions.Expect(delivered).ToHaveTextAsync((before + 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
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
