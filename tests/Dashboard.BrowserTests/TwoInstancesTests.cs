using Dashboard.BrowserTests.Infrastructure;
using Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// Two instances of the app's executable on one PostgreSQL database and one Redis (ADR-011): the pages open on instance
/// B show, live, what instance A took or did.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TwoInstancesTests(BrowserFixture fixture)
{
    [Fact]
    public Task ACallbackTakenByAShowsUpLiveOnTheMessageLogOpenOnB() => WithTwoInstancesAsync(async (a, b) =>
    {
        var page = await SignedInPageAsync(b);
        await BrowserFixture.GoToInteractiveAsync(page, "/messages");
        var uuid = Guid.NewGuid().ToString();

        await Webhooks.PostAsync(a, "/plivo/status", Webhooks.Status(uuid, "sent", 2));
        var row = page.Locator("tr", new() { Has = page.Locator($"[data-uuid='{uuid}']") });
        await Assertions.Expect(row.Locator("[data-state]:visible")).ToHaveAttributeAsync("data-state", "sent");
        await Webhooks.PostAsync(a, "/plivo/status", Webhooks.Status(uuid, "delivered", 3, "000"));

        await Assertions.Expect(row.Locator("[data-state]:visible")).ToHaveAttributeAsync("data-state", "delivered");
        await page.Context.CloseAsync();
    });

    /// <summary>
    /// B's incidents page and banner follow an incident A's detector opened and A's staff acknowledged (IncidentChange on
    /// the one live feed, over Redis).
    /// </summary>
    [Fact]
    public Task AnIncidentOpenedAndAcknowledgedOnAShowsLiveOnBsIncidentsPageAndBanner() => WithTwoInstancesAsync(async (a, b) =>
    {
        var onB = await SignedInPageAsync(b);
        await BrowserFixture.GoToInteractiveAsync(onB, "/incidents");

        // With no baseline yet a key needs Ratio × MinimumCount failures (ADR-012).
        await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Webhooks.PostAsync(a, "/plivo/status", Webhooks.Status(Guid.NewGuid().ToString(), "undelivered", 3, "20"))));
        var banner = onB.Locator("[data-testid=incident-banner]");
        await Assertions.Expect(banner).ToContainTextAsync("20 Network error on carrier 310/410");
        var incident = onB.Locator("[data-section=open] [data-incident]").First;
        await Assertions.Expect(incident).ToHaveAttributeAsync("data-state", "open");

        var onA = await SignedInPageAsync(a);
        await BrowserFixture.GoToInteractiveAsync(onA, "/incidents");
        await onA.Locator("[data-section=open] [data-incident] [data-action=acknowledge]").First.ClickAsync();
        await onA.FillAsync("textarea[name=incident-note]", "Acknowledged on A; ticket 4712.");
        await onA.Locator("[data-testid=acknowledge-ok]").ClickAsync();

        await Assertions.Expect(incident).ToHaveAttributeAsync("data-state", "acknowledged");
        await Assertions.Expect(incident.Locator("[data-event=acknowledged] [data-note]")).ToHaveTextAsync("Acknowledged on A; ticket 4712.");
        await Assertions.Expect(banner).ToBeHiddenAsync();
        await onA.Context.CloseAsync();
        await onB.Context.CloseAsync();
    });

    /// <summary>Two app executables on a fresh PostgreSQL database and the tests' Redis; the database is dropped after.</summary>
    private static async Task WithTwoInstancesAsync(Func<AppProcess, AppProcess, Task> test)
    {
        var postgres = await PostgresServer.GetAsync();
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Storage__Provider"] = "PostgreSql",
                ["ConnectionStrings__Dashboard"] = database,
                ["ConnectionStrings__Redis"] = (await RedisServer.GetAsync()).ConnectionString(),
            };
            await using var a = await AppProcess.StartAsync(settings);
            await using var b = await AppProcess.StartAsync(settings);
            await test(a, b);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private async Task<IPage> SignedInPageAsync(AppProcess app)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl.ToString() });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserFixture.SignInAsync(page);
        return page;
    }
}
