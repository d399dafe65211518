using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>What support staff watch: pages that change when Plivo calls back, without a reload.</summary>
[Collection(BrowserCollection.Name)]
public class LiveUpdateTests(BrowserFixture fixture)
{
    [Fact]
    public async Task OpenMessageLogShowsANewMessageAndItsStateChange()
    {
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/messages");
        var uuid = Guid.NewGuid().ToString();

        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "sent", 2));
        var row = page.Locator("tr", new() { Has = page.Locator($"[data-uuid='{uuid}']") });
        await Assertions.Expect(row.Locator("[data-state]:visible")).ToHaveAttributeAsync("data-state", "sent");
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "delivered", 3, "000"));

        await Assertions.Expect(row.Locator("[data-state]:visible")).ToHaveAttributeAsync("data-state", "delivered");
        await fixture.ScreenshotAsync(page, "02-messages-live");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OpenTimelineMovesToTheNextStageAndFlagsALateCallback()
    {
        var uuid = Guid.NewGuid().ToString();
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "queued", 1));
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, $"/messages/{uuid}");
        await Assertions.Expect(page.Locator("[data-milestone=queued]")).ToHaveAttributeAsync("data-reached", "true");

        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "delivered", 3, "000"));
        await Assertions.Expect(page.Locator("[data-milestone=delivered]")).ToHaveAttributeAsync("data-reached", "true");
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "sent", 2));

        await Assertions.Expect(page.Locator("[data-late]")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "03-message-timeline");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ComposedMessageGoesOutThroughTheSimulatorAndReachesAFinalState()
    {
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/compose");

        await page.FillAsync("textarea[name=Destinations]", "+44 7700 900456");
        await page.FillAsync("textarea[name=Text]", "Your table for two is booked for 8pm.");
        await Assertions.Expect(page.Locator("[data-counter]")).ToHaveAttributeAsync("data-encoding", "Gsm7");
        await Assertions.Expect(page.Locator("[data-estimate-line=GB]")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "04-compose");
        await fixture.CheckPageAsync(page, "compose", p => Assertions.Expect(p.Locator("[data-counter]")).ToBeVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        // The result follows the message to its final state, and the form is empty again.
        var sent = page.Locator("[data-sent-message]").First;
        await Assertions.Expect(sent).ToHaveAttributeAsync("data-final", "true", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("textarea[name=Text]")).ToHaveValueAsync("");
        await fixture.ScreenshotAsync(page, "04-compose-sent");
        await sent.Locator("a").ClickAsync();

        await page.WaitForURLAsync("**/messages/*");
        await Assertions.Expect(page.Locator("h1 [data-state], [data-section=summary] [data-state], [data-state]").First)
            .ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(delivered|undelivered|failed)$"), new() { Timeout = 20_000 });
        await fixture.ScreenshotAsync(page, "05-composed-message-final");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ErrorAndCostPagesShowPostedFiguresAndTheCsvDownloads()
    {
        var country = "14155550" + Random.Shared.Next(100, 999);
        for (var i = 0; i < 3; i++)
        {
            var uuid = Guid.NewGuid().ToString();
            await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "sent", 2, to: country));
            await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "undelivered", 3, "30", to: country));
        }

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/errors");
        await Assertions.Expect(page.GetByText("Spam detected").First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "06-errors");

        await page.GotoAsync("/costs");
        await Assertions.Expect(page.Locator("[data-export]")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "07-costs");
        var href = await page.Locator("[data-export]").GetAttributeAsync("href");
        var csv = await page.APIRequest.GetAsync(href!);

        Assert.True(csv.Ok, $"CSV export answered {csv.Status}");
        Assert.Contains("text/csv", csv.Headers["content-type"]);
        var text = await csv.TextAsync();
        Assert.Contains("undelivered", text, StringComparison.OrdinalIgnoreCase);
        await page.Context.CloseAsync();
    }
}
