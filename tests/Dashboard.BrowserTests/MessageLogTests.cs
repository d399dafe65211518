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

        await fixture.CheckPageAsync(page, "messages", p => Assertions.Expect(p.Locator($"a[data-uuid='{undelivered}']:visible, a[data-row-uuid='{undelivered}']:visible")).ToBeVisibleAsync());
        await BrowserFixture.GoToInteractiveAsync(page, $"/messages/{undelivered}");
        await fixture.CheckPageAsync(page, "message-detail", p => Assertions.Expect(p.Locator("[data-section=error]")).ToBeVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AtDesktopWidthEveryColumnOfTheLogFitsTheUuidsToo()
    {
        var uuid = Guid.NewGuid().ToString();
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "sent", 2));
        // The longest error name of all.
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "undelivered", 3, "70"));
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/messages");
        await Assertions.Expect(page.Locator($"a[data-uuid='{uuid}']")).ToBeVisibleAsync();

        var fit = await page.EvaluateAsync<double[]>(
            """
            uuid => {
              const link = document.querySelector(`a[data-uuid='${uuid}']`);
              const grid = link.closest('.mud-table-container');
              return [link.getBoundingClientRect().right, grid.getBoundingClientRect().right, grid.scrollWidth, grid.clientWidth, window.innerWidth];
            }
            """, uuid);

        Assert.Equal(1400, fit[4]);
        Assert.True(fit[0] <= fit[1], $"the UUID ends at {fit[0]} px, the grid at {fit[1]} px");
        Assert.True(fit[2] <= fit[3], $"the grid is {fit[2]} px wide in {fit[3]} px: it scrolls");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/messages")]
    [InlineData("/messages/{uuid}")]
    public async Task NothingIsWiderThanAPhone(string path)
    {
        var uuid = Guid.NewGuid().ToString();
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "sent", 2));
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "undelivered", 3, "30"));
        var page = await PhoneAsync(path.Replace("{uuid}", uuid, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator($"a[data-row-uuid='{uuid}'], [data-section=error]").First).ToBeVisibleAsync();

        await PageChecks.AssertNoWiderThanTheWindowAsync(page, path);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnAPhoneEachMessageIsACompactRowAndTheFiltersAreFolded()
    {
        var uuids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (var uuid in uuids)
        {
            await Webhooks.PostAsync(fixture.App, "/plivo/inbound", Webhooks.Inbound(uuid, "Can I move my booking to Friday evening, around seven? Thanks a lot"));
        }

        var page = await PhoneAsync("/messages?message_direction=inbound");

        var row = page.Locator($"a[data-row-uuid='{uuids[^1]}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"a[data-uuid='{uuids[^1]}']")).ToBeHiddenAsync();
        var height = (await row.BoundingBoxAsync())!.Height;
        Assert.True(height < 100, $"a phone row is {height} px tall");
        await Assertions.Expect(page.Locator("input[data-filter=q]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-filters-toggle]")).ToHaveTextAsync("Filters · 1 active");
        await fixture.ScreenshotAsync(page, "messages-phone-folded");
        await page.Locator("[data-filters-toggle]").ClickAsync();
        await Assertions.Expect(page.Locator("input[data-filter=q]")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "messages-phone-filters-open");
        await row.ClickAsync();
        await page.WaitForURLAsync($"**/messages/{uuids[^1]}");

        await page.SetViewportSizeAsync(1400, 900);
        await BrowserFixture.GoToInteractiveAsync(page, "/messages?message_direction=inbound");
        await Assertions.Expect(page.Locator($"a[data-uuid='{uuids[^1]}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"a[data-row-uuid='{uuids[^1]}']")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-filters-toggle]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("input[data-filter=q]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnAPhoneOpeningACallbacksParametersDoesNotWidenTheTimeline()
    {
        var uuid = Guid.NewGuid().ToString();
        await Webhooks.PostAsync(fixture.App, "/plivo/inbound", Webhooks.Inbound(uuid, string.Join(' ', Enumerable.Repeat("A long inbound message.", 20))));
        var page = await PhoneAsync($"/messages/{uuid}");
        var box = page.Locator("[data-callbacks-box]");
        await Assertions.Expect(box).ToBeVisibleAsync();
        var before = await box.EvaluateAsync<double>("b => b.scrollWidth");

        await box.Locator("summary").First.ClickAsync();

        await Assertions.Expect(box.Locator("[data-raw]").First).ToBeVisibleAsync();
        var after = await box.EvaluateAsync<double>("b => b.scrollWidth");
        Assert.True(after <= before + 1, $"the callbacks grew from {before} to {after} px wide when opened");
        Assert.True(await box.EvaluateAsync<bool>("b => b.getBoundingClientRect().right <= window.innerWidth"), "the callbacks' box is inside the phone's width");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the page does not scroll sideways");
        await fixture.ScreenshotAsync(page, "message-detail-phone-callback-open");
        await page.Context.CloseAsync();
    }

    /// <summary>A page at a phone's width (390 × 844), signed in, with its circuit live.</summary>
    private async Task<IPage> PhoneAsync(string path)
    {
        var page = await fixture.SignedInPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.GoToInteractiveAsync(page, path);
        return page;
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
