using System.Text;
using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>An admin previews a file of callbacks from an old endpoint, replays it, and a second preview has nothing left to do.</summary>
[Collection(BrowserCollection.Name)]
public class ReplayTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AFileIsPreviewedThenReplayedAndASecondPreviewChangesNothing()
    {
        var (known, missed) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(known, "sent", 2));
        var file = Encoding.UTF8.GetBytes(string.Join("\n",
            $"MessageUUID={known}&Status=delivered&Sequence=3&From=14155550100&To=14155550123&MCC=310&MNC=410",
            $"MessageUUID={missed}&Status=delivered&Sequence=3&From=14155550100&To=14155550123&MCC=310&MNC=410",
            "not a callback"));

        async Task PreviewAsync(IPage page)
        {
            var tab = page.GetByRole(AriaRole.Tab, new() { Name = "File" });
            await tab.ClickAsync();
            await Assertions.Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
            // The panel may render once more after its tab is chosen (on a busy machine, after the file was set on the
            // input it replaced): choose the file again until the page has read it, as a user would see and do.
            for (var attempt = 1; ; attempt++)
            {
                await page.Locator("input[type=file]").SetInputFilesAsync(
                    new FilePayload { Name = "old-endpoint.txt", MimeType = "text/plain", Buffer = file });
                try
                {
                    await Assertions.Expect(page.Locator("[data-file-format]")).ToHaveTextAsync("Read as form-encoded lines.", new() { Timeout = 5_000 });
                    break;
                }
                catch (PlaywrightException) when (attempt < 3)
                {
                }
            }

            await page.Locator("[data-testid=replay-preview]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-replay-report=preview]")).ToBeVisibleAsync();
        }

        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/admin/replay");
        await PreviewAsync(page);

        var preview = page.Locator("[data-replay-report=preview]");
        await Assertions.Expect(preview.Locator("[data-count=changed]")).ToHaveTextAsync("2 would change");
        await Assertions.Expect(preview.Locator("[data-count=rejected]")).ToHaveTextAsync("1 rejected");
        await Assertions.Expect(preview.Locator("[data-transition=sent-delivered]")).ToHaveTextAsync("1");
        await Assertions.Expect(preview.Locator("[data-transition=new-delivered]")).ToHaveTextAsync("1");
        await Assertions.Expect(preview.Locator("[data-table=rejections]")).ToContainTextAsync("line 3");
        await fixture.CheckPageAsync(page, "replay", PreviewAsync);

        await page.Locator("[data-testid=replay-run]").ClickAsync();
        await page.Locator("[data-testid=confirm-ok]").ClickAsync();
        var result = page.Locator("[data-replay-report=result]");
        await Assertions.Expect(result.Locator("[data-count=changed]")).ToHaveTextAsync("2 changed");
        await Assertions.Expect(page.Locator("[data-table=replays] tbody tr").First).ToContainTextAsync("file old-endpoint.txt");

        await page.Locator("[data-testid=replay-preview]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-replay-report=preview] [data-count=changed]")).ToHaveTextAsync("0 would change");

        // The stored callbacks of the known message: the webhook's sent and the replayed delivered, neither moves it now.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Stored callbacks" }).ClickAsync();
        await page.Locator("input[data-filter=message]").FillAsync(known);
        await page.Locator("input[data-filter=message]").BlurAsync();
        await page.Locator("[data-testid=replay-preview]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-replay-report=preview] [data-count=read]")).ToHaveTextAsync("2 read");
        await Assertions.Expect(page.Locator("[data-replay-report=preview] [data-count=unchanged]")).ToHaveTextAsync("1 unchanged");
        await fixture.ScreenshotAsync(page, "replay-stored");
        await page.Context.CloseAsync();
    }
}
