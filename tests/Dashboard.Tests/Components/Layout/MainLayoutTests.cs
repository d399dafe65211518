using Dashboard.Components.Layout;
using Dashboard.Core.Incidents;
using Dashboard.Core.Users;
using Dashboard.Security;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Layout;

/// <summary>The app's frame as each role sees it, with the real authorization policies.</summary>
[Collection(DashboardCollection.Name)]
public class MainLayoutTests : ComponentTestBase
{
    private readonly DashboardFactory _app;

    public MainLayoutTests(DashboardFactory app)
    {
        _app = app;
        UseAppServices(app.Services);
    }

    [Theory]
    [InlineData(UserRoles.Support, new[] { "/", "/messages", "/errors", "/incidents" })]
    [InlineData(UserRoles.Manager, new[] { "/", "/messages", "/errors", "/incidents", "/costs" })]
    [InlineData(UserRoles.Agent, new[] { "/inbox", "/compose" })]
    [InlineData(UserRoles.Admin, new[] { "/", "/messages", "/errors", "/incidents", "/costs", "/inbox", "/compose", "/admin/users", "/admin/replay" })]
    public void EachRoleSeesTheLinksOfItsAreas(UserRoles roles, string[] links)
    {
        var layout = RenderLayout(roles);

        Assert.Equal(links, layout.FindAll("nav a[href]").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void ThePageSitsInAMainLandmarkThatASkipLinkReaches()
    {
        var layout = RenderLayout(UserRoles.Support);

        var skip = layout.FindAll("a[href]").First();
        Assert.Equal("#main-content", skip.GetAttribute("href"));
        Assert.Contains("the page", layout.Find("main#main-content").TextContent);
    }

    [Theory]
    [InlineData(UserRoles.Support, true)]
    [InlineData(UserRoles.Admin, true)]
    [InlineData(UserRoles.Manager, false)]
    public async Task StaffWhoRespondSeeABannerForANewIncidentUntilItIsAcknowledged(UserRoles roles, bool shown)
    {
        var store = _app.Services.GetRequiredService<IncidentStore>();
        var now = DateTime.UtcNow;
        var id = await store.OpenAsync(new DetectedIncident(new IncidentKey(IncidentDimension.Country, "450", $"Z{Random.Shared.Next(100, 999)}"),
            now, now, now, 20, 0, 0, 4, TimeSpan.FromMinutes(1), now, [20]));

        var layout = RenderLayout(roles);

        Assert.Equal(shown, layout.FindAll("[data-testid=incident-banner]").Count == 1);
        await store.AcknowledgeAsync(id, "sam", "Geo permissions being fixed.");
        layout.WaitForAssertion(() => Assert.DoesNotContain("450", layout.FindAll("[data-testid=incident-banner]").FirstOrDefault()?.TextContent ?? ""));
    }

    [Fact]
    public void EveryButtonHasAnAccessibleName()
    {
        var layout = RenderLayout(UserRoles.Admin);

        var buttons = layout.FindAll("button");
        Assert.NotEmpty(buttons);
        Assert.All(buttons, b => Assert.False(
            string.IsNullOrWhiteSpace(b.GetAttribute("aria-label")) && string.IsNullOrWhiteSpace(b.TextContent),
            $"a button without a name: {b.OuterHtml}"));
    }

    [Theory]
    [InlineData("dark", "dark")]
    [InlineData("light", "light")]
    public async Task AChosenThemeIsDrawnAtOnceAndWrittenToItsCookie(string choice, string drawn)
    {
        var layout = RenderLayout(UserRoles.Support, new ViewerCookies(ThemeChoice.System, SystemDark: choice == "light", null));

        await layout.Find("[data-testid=theme-menu] button").ClickAsync(new());
        await layout.Find($"[data-theme-choice={choice}]").ClickAsync(new());

        Assert.Equal(drawn, layout.Find("[data-theme]").GetAttribute("data-theme"));
        Assert.Equal([choice], Context.JSInterop.Invocations["dashboardViewer.setTheme"].Select(i => i.Arguments[0]));
    }

    [Theory]
    [InlineData(ThemeChoice.Dark, false, "dark")]
    [InlineData(ThemeChoice.Light, true, "light")]
    [InlineData(ThemeChoice.System, true, "dark")]
    public void TheFirstRenderAlreadyHasTheRightTheme(ThemeChoice theme, bool systemDark, string drawn)
    {
        Context.JSInterop.Setup<bool>("mudThemeProvider.isDarkMode", _ => true).SetResult(systemDark);

        var layout = RenderLayout(UserRoles.Support, new ViewerCookies(theme, systemDark, null));

        Assert.Equal(drawn, layout.Find("[data-theme]").GetAttribute("data-theme"));
    }

    private IRenderedComponent<MainLayout> RenderLayout(UserRoles roles, ViewerCookies? viewer = null)
    {
        SignIn("maria", roles);
        RenderFragment body = b => b.AddContent(0, "the page");
        return Render<MainLayout>(p => p.Add(l => l.Body, body).AddCascadingValue(viewer ?? ViewerCookies.Default));
    }
}
