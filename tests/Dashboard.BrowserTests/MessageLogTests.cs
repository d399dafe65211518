using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The message log and a message's detail in a real browser: every variant looked at, filters in the address.</summary>
[Collection(BrowserCollection.Name)]
public class MessageLogTests(BrowserFixture fixture)
{
    [Fact]
    public async Task MessageLogAndDetailAreReadableInEveryVariant()
    {
        var undelivered = Guid.NewGuid().ToString();
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(undelivered, "sent", 2));
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(undelivered, "undelivered", 3, "30"));
        await Webhooks.PostAsync(fixture.App, "/plivo/inbound", Webhooks.Inbound(Guid.NewGuid().ToString(), "Can I move my booking to Friday evening, around seven?"));
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/messages");

        await fixture.CheckPageAsync(page, "messages", p => Assertions.Expect(p.Locator($"a[data-uuid='{undelivered}']")).ToBeVisibleAsync());
        await BrowserFixture.GoToInteractiveAsync(page, $"/messages/{undelivered}");
        await fixture.CheckPageAsync(page, "message-detail", p => Assertions.Expect(p.Locator("[data-section=error]")).ToBeVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ASearchAndAPresetGoIntoTheAddressAndBackUndoesThem()
    {
        var word = "Parcel" + Random.Shared.Next(100_000, 999_999);
        var uuid = Guid.NewGuid().ToString();
        await Webhooks.PostAsync(fixture.App, "/plivo/inbound", Webhooks.Inbound(uuid, $"Where is my {word}?"));
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/messages");

        await page.Locator("input[data-filter=q]").FillAsync(word.ToLowerInvariant());
        await page.Locator("input[data-filter=q]").PressAsync("Enter");
        await page.WaitForURLAsync($"**/messages?q={word.ToLowerInvariant()}");
        await Assertions.Expect(page.Locator("a[data-uuid]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-count]")).ToHaveTextAsync("1 message");
        await page.Locator("[data-preset='1h']").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("message_time__gte="));
        await page.GoBackAsync();

        await page.WaitForURLAsync($"**/messages?q={word.ToLowerInvariant()}");
        await Assertions.Expect(page.Locator($"a[data-uuid='{uuid}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[data-filter=q]")).ToHaveValueAsync(word.ToLowerInvariant());
        await page.Context.CloseAsync();
    }
}
