using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>What agents do all day: an inbound message appears, they answer, the reply goes out and its ticks move; on a phone too.</summary>
[Collection(BrowserCollection.Name)]
public class InboxTests(BrowserFixture fixture)
{
    [Fact]
    public async Task InboundMessageAppearsLiveAndTheAgentsReplyTicksAdvance()
    {
        var contact = "4477009" + Random.Shared.Next(10000, 99999);
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/inbox");

        await Webhooks.PostAsync(fixture.App, "/plivo/inbound", Webhooks.Inbound(Guid.NewGuid().ToString(), "Is my order on its way?", from: contact));
        var conversation = page.Locator("[data-conversation]", new() { HasText = contact[^4..] }).First;
        await Assertions.Expect(conversation).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "inbox", p => Assertions.Expect(p.Locator("[data-conversation]").First).ToBeVisibleAsync());
        await conversation.ClickAsync();
        await Assertions.Expect(page.Locator("[data-direction=inbound]", new() { HasText = "Is my order on its way?" })).ToBeVisibleAsync();

        await page.FillAsync("textarea[name=reply-text]", "Yes: it ships today, tracking to follow.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var reply = page.Locator("[data-direction=outbound]", new() { HasText = "it ships today" });
        await Assertions.Expect(reply).ToBeVisibleAsync();

        await Assertions.Expect(reply.Locator("[data-tick]")).ToHaveAttributeAsync("data-tick", new Regex("^(sent|delivered|read|undelivered|failed)$"), new() { Timeout = 20_000 });
        await fixture.ScreenshotAsync(page, "08-inbox-reply");
        await fixture.CheckPageAsync(page, "inbox-conversation", p => Assertions.Expect(p.Locator("[data-testid=composer]")).ToBeVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnAPhoneTheConversationReplacesTheListAndCanBeAnswered()
    {
        var contact = "4477009" + Random.Shared.Next(10000, 99999);
        await Webhooks.PostAsync(fixture.App, "/plivo/inbound", Webhooks.Inbound(Guid.NewGuid().ToString(), "Can I change the delivery address?", from: contact));
        var page = await fixture.SignedInPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.GoToInteractiveAsync(page, "/inbox");

        var row = page.Locator("[data-conversation]", new() { HasText = contact[^4..] }).First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        Assert.True((await row.BoundingBoxAsync())!.Width <= 390, "the list row fits the phone's width");
        await Assertions.Expect(page.Locator("[data-testid=no-conversation]")).ToBeHiddenAsync();
        await row.ClickAsync();

        var thread = page.Locator("[data-direction=inbound]", new() { HasText = "delivery address" });
        await Assertions.Expect(thread).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-conversation]").First).ToBeHiddenAsync();
        var reply = page.Locator("textarea[name=reply-text]");
        await Assertions.Expect(reply).ToBeVisibleAsync();
        Assert.True((await reply.BoundingBoxAsync())!.Width >= 250, "the reply box takes the phone's width");
        await reply.FillAsync("Yes: reply with the new address.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-direction=outbound]", new() { HasText = "new address" })).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "09-inbox-phone-conversation");

        await page.Locator("[data-testid=back-to-list]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-conversation]", new() { HasText = contact[^4..] }).First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ExpiringWindowsAndQuickRepliesAreReadableInEveryVariant()
    {
        var contact = "4477009" + Random.Shared.Next(10000, 99999);
        await Webhooks.PostAsync(fixture.App, "/plivo/inbound", Webhooks.Inbound(Guid.NewGuid().ToString(), "Hello on WhatsApp", from: contact, type: "whatsapp"));
        var page = await fixture.SignedInPageAsync();

        await BrowserFixture.GoToInteractiveAsync(page, "/inbox/expiring");
        await Assertions.Expect(page.Locator("[data-testid=expiring]")).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "inbox-expiring", p => Assertions.Expect(p.Locator("[data-testid=expiring]")).ToBeVisibleAsync());

        await BrowserFixture.GoToInteractiveAsync(page, "/inbox/quick-replies");
        await page.FillAsync("input[name=qr-title]", "Hours " + Random.Shared.Next(1000, 9999));
        await page.FillAsync("textarea[name=qr-text]", "We are open 9 to 5, Monday to Friday.");
        await page.Locator("[data-testid=qr-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-quick-reply]").First).ToBeVisibleAsync();
        await fixture.CheckPageAsync(page, "inbox-quick-replies", p => Assertions.Expect(p.Locator("[data-quick-reply]").First).ToBeVisibleAsync());
        await page.Context.CloseAsync();
    }
}
