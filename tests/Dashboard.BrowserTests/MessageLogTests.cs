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

    [Theory]
    [InlineData("/messages")]
    [InlineData("/messages/{uuid}")]
    public async Task NothingIsWiderThanAPhone(string path)
    {
        var uuid = Guid.NewGuid().ToString();
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "sent", 2));
        await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "undelivered", 3, "30"));
        var signedIn = await fixture.SignedInPageAsync();
        var state = await signedIn.Context.StorageStateAsync();
        await using var phone = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.App.BaseUrl.ToString(), StorageState = state, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await phone.NewPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, path.Replace("{uuid}", uuid, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator($"a[data-uuid='{uuid}'], [data-section=error]").First).ToBeVisibleAsync();

        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                    && getComputedStyle(e).position !== 'fixed' && !e.closest('[aria-hidden=true]')
                    && [...e.children].every(c => c.getBoundingClientRect().right <= window.innerWidth + 1))
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
            """);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(width <= 390, $"{path} is {width} px wide at 390: " + string.Join("; ", wide));
        await signedIn.Context.CloseAsync();
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
