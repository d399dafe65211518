using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// The report pages and the users page with some traffic, looked at light, dark and at phone width: charts drawn,
/// tables readable, no serious accessibility violation anywhere on the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ReportPagesTests(BrowserFixture fixture)
{
    /// <summary>A few messages of now: delivered, undelivered (30), failed (900), on its way, and an inbound one.</summary>
    private async Task TrafficAsync()
    {
        (string Status, string? Error)[] outcomes = [("delivered", "000"), ("delivered", "000"), ("undelivered", "30"), ("failed", "900"), ("sent", null)];
        foreach (var (status, error) in outcomes)
        {
            var uuid = Guid.NewGuid().ToString();
            await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, "queued", 1));
            await Webhooks.PostAsync(fixture.App, "/plivo/status", Webhooks.Status(uuid, status, 3, error));
        }

        await Webhooks.PostAsync(fixture.App, "/plivo/inbound", Webhooks.Inbound(Guid.NewGuid().ToString(), "Thanks!"));
    }

    [Fact]
    public async Task OverviewDrawsItsChartsWithTraffic()
    {
        await TrafficAsync();
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/");

        await fixture.CheckPageAsync(page, "overview-traffic", p => Assertions.Expect(p.Locator("[data-chart=per-minute] svg").First).ToBeVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ErrorsPageIsReadableInEveryVariant()
    {
        await TrafficAsync();
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/errors");

        await fixture.CheckPageAsync(page, "errors", async p =>
        {
            await Assertions.Expect(p.Locator("[data-breakdown=error-code] table")).ToBeVisibleAsync();
            await Assertions.Expect(p.Locator("[data-chart=errors-over-time] svg").First).ToBeVisibleAsync();
        });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DeliverySpeedTabDrawsItsChartBesideTheTablesInEveryVariant()
    {
        await TrafficAsync();
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/errors?tab=speed");

        await fixture.CheckPageAsync(page, "errors-speed", async p =>
        {
            await Assertions.Expect(p.Locator("[data-chart=speed-over-time] svg").First).ToBeVisibleAsync();
            await Assertions.Expect(p.Locator("[data-breakdown=speed-carrier] table")).ToBeVisibleAsync();
            await Assertions.Expect(p.Locator("[data-stat=delivered-p99]")).ToBeVisibleAsync();
        });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CostsPageIsReadableInEveryVariant()
    {
        await TrafficAsync();
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GoToInteractiveAsync(page, "/costs");

        await fixture.CheckPageAsync(page, "costs", p => Assertions.Expect(p.Locator("[data-chart=spend] svg").First).ToBeVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UsersPageShowsEveryRoleCheckboxAt1440()
    {
        var page = await fixture.SignedInPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await BrowserFixture.GoToInteractiveAsync(page, "/admin/users");

        var admin = page.Locator("input[data-role=Admin][data-user]").First;
        await Assertions.Expect(admin).ToBeInViewportAsync();
        var box = await admin.BoundingBoxAsync();
        Assert.True(box!.X + box.Width <= 1440, $"the Admin checkbox ends at {box.X + box.Width} px");
        await fixture.CheckPageAsync(page, "users", p => Assertions.Expect(p.Locator("[data-table=users]")).ToBeVisibleAsync());
        await page.Context.CloseAsync();
    }
}
