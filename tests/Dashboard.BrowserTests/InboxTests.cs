using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>What agents do all day: an inbound message appears, they answer, the reply goes out and its ticks move.</summary>
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
        await conversation.ClickAsync();
        await Assertions.Expect(page.Locator("[data-direction=inbound]", new() { HasText = "Is my order on its way?" })).ToBeVisibleAsync();

        await page.FillAsync("textarea[name=reply-text]", "Yes: it ships today, tracking to follow.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var reply = page.Locator("[data-direction=outbound]", new() { HasText = "it ships today" });
        await Assertions.Expect(reply).ToBeVisibleAsync();

        await Assertions.Expect(reply.Locator("[data-tick]")).ToHaveAttributeAsync("data-tick", new Regex("^(sent|delivered|read|undelivered|failed)$"), new() { Timeout = 20_000 });
        await fixture.ScreenshotAsync(page, "08-inbox-reply");
        await page.Context.CloseAsync();
    }
}
