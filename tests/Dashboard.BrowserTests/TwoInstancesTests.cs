using Dashboard.BrowserTests.Infrastructure;
using Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// Two instances of the app's executable on one PostgreSQL database and one Redis (ADR-011): the message log open on
/// instance B shows, live, a callback that instance A took.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TwoInstancesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ACallbackTakenByAShowsUpLiveOnTheMessageLogOpenOnB()
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
            await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = b.BaseUrl.ToString() });
            context.SetDefaultTimeout(15_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/login");
            await BrowserFixture.SignInAsync(page);
            await BrowserFixture.GoToInteractiveAsync(page, "/messages");
            var uuid = Guid.NewGuid().ToString();

            await Webhooks.PostAsync(a, "/plivo/status", Webhooks.Status(uuid, "sent", 2));
            var row = page.Locator("tr", new() { Has = page.Locator($"[data-uuid='{uuid}']") });
            await Assertions.Expect(row.Locator("[data-state]:visible")).ToHaveAttributeAsync("data-state", "sent");
            await Webhooks.PostAsync(a, "/plivo/status", Webhooks.Status(uuid, "delivered", 3, "000"));

            await Assertions.Expect(row.Locator("[data-state]:visible")).ToHaveAttributeAsync("data-state", "delivered");
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }
}
