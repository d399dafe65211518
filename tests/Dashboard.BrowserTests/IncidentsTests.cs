using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>A carrier outage becomes an incident staff see on every page, acknowledge with a note and resolve.</summary>
[Collection(BrowserCollection.Name)]
public class IncidentsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AnOutageShowsOnEveryPageAndIsAcknowledgedWithANoteThenResolved()
    {
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/messages");

        // Enough network errors on one carrier to open an incident however long the app has run (ADR-012: with no
        // baseline yet a key needs Ratio × MinimumCount failures).
        await Task.WhenAll(Enumerable.Range(0, 60).Select(async _ =>
        {
            var uuid = Guid.NewGuid().ToString();
            await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "undelivered", 3, "20"));
        }));
        var banner = page.Locator("[data-testid=incident-banner]");
        await Assertions.Expect(banner).ToContainTextAsync("20 Network error on carrier 310/410", new() { Timeout = 15_000 });

        await banner.GetByRole(AriaRole.Link, new() { Name = "See incidents" }).ClickAsync();
        var incident = page.Locator("[data-section=open] [data-incident]").First;
        await Assertions.Expect(incident.Locator("[data-incident-key]")).ToContainTextAsync("carrier 310/410");
        await Assertions.Expect(incident.Locator("[data-fault]")).ToHaveTextAsync("Usually the carrier's: its network or routing.");
        await fixture.CheckPageAsync(page, "incidents", p => Assertions.Expect(p.Locator("[data-incident] [data-chart] svg").First).ToBeVisibleAsync());

        await incident.Locator("[data-action=acknowledge]").ClickAsync();
        await page.Locator("[data-testid=acknowledge-ok]").ClickAsync();
        await Assertions.Expect(page.GetByText("Write a note: what is being done, or who is on it.")).ToBeVisibleAsync();
        await page.FillAsync("textarea[name=incident-note]", "Carrier confirmed an outage; ticket 4711.");
        await page.Locator("[data-testid=acknowledge-ok]").ClickAsync();

        await Assertions.Expect(incident).ToHaveAttributeAsync("data-state", "acknowledged");
        await Assertions.Expect(incident.Locator("[data-event=acknowledged]")).ToContainTextAsync($"by {AppProcess.AdminUserName}");
        await Assertions.Expect(incident.Locator("[data-event=acknowledged] [data-note]")).ToHaveTextAsync("Carrier confirmed an outage; ticket 4711.");
        await Assertions.Expect(banner).ToBeHiddenAsync();

        await incident.Locator("[data-action=resolve]").ClickAsync();
        await page.Locator("[data-testid=confirm-ok]").ClickAsync();
        var resolved = page.Locator("[data-section=recent] [data-incident][data-state=resolved]").First;
        await Assertions.Expect(resolved.Locator("[data-event]")).ToHaveCountAsync(3);
        await page.Context.CloseAsync();
    }
}
