using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Components.Layout;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Security;

namespace Dashboard.Tests.Components.Layout;

/// <summary>The frame as the server prerenders it for a signed-in browser: not-found page, titles, theme from the cookie.</summary>
public partial class AppFrameTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task AnUnknownAddressShowsTheNotFoundPageInsideTheFrame()
    {
        var browser = await SignedInBrowserAsync();

        var response = await browser.GetAsync("/no-such-page?x=1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-testid=\"not-found\"", html);
        Assert.Contains("<main id=\"main-content\"", html);
        Assert.Contains("href=\"/messages\"", html);
        Assert.Equal(["Not found"], Titles(html));
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/plivo/no-such-thing")]
    [InlineData("/sim/no-such-thing")]
    [InlineData("/hubs/no-such-thing")]
    public async Task MachinePathsKeepAnsweringProblemJson(string path)
    {
        var browser = await SignedInBrowserAsync();

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnApiKeyClientAskingForAnUnknownPageGetsProblemJson()
    {
        var response = await app.CreateClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheSignInPageHasExactlyOneTitle()
    {
        var html = await app.CreateAnonymousClient().GetStringAsync("/login");

        Assert.Equal(["Sign in"], Titles(html));
    }

    [Theory]
    [InlineData(null, "light")]
    [InlineData("dashboard.system-dark=1", "dark")]
    [InlineData("dashboard.theme=dark", "dark")]
    [InlineData("dashboard.theme=light; dashboard.system-dark=1", "light")]
    public async Task ThePrerenderedPageIsAlreadyInTheViewersTheme(string? cookies, string theme)
    {
        var browser = await SignedInBrowserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        var html = await (await browser.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains($"data-theme=\"{theme}\"", html);
    }

    [Fact]
    public async Task TimesArePrerenderedInTheBrowsersZoneOrTheChosenOneWithUtcOnHover()
    {
        var uuid = Callbacks.NewUuid();
        (await app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "queued", 1))).EnsureSuccessStatusCode();
        var browser = await SignedInBrowserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/messages/{uuid}");
        request.Headers.Add("Cookie", $"{ViewerCookies.TimeZoneCookie}=Asia%2FKolkata");

        var html = await (await browser.SendAsync(request)).Content.ReadAsStringAsync();

        var time = LocalTime().Match(html);
        Assert.True(time.Success, html);
        Assert.EndsWith(" UTC", time.Groups["title"].Value);
        Assert.EndsWith(" UTC+5:30", WebUtility.HtmlDecode(time.Groups["text"].Value));

        // A zone chosen in the app bar wins over the browser's, and the bar says which it is (one sign-in per test:
        // sign-ins are throttled).
        using var chosen = new HttpRequestMessage(HttpMethod.Get, $"/messages/{uuid}");
        chosen.Headers.Add("Cookie", $"{ViewerCookies.TimeZoneCookie}=Asia%2FKolkata; {ViewerCookies.ChosenTimeZoneCookie}=Asia%2FTokyo");
        var chosenHtml = WebUtility.HtmlDecode(await (await browser.SendAsync(chosen)).Content.ReadAsStringAsync());
        Assert.EndsWith(" UTC+9", LocalTime().Match(chosenHtml).Groups["text"].Value);
        Assert.Contains("Times in Asia/Tokyo (UTC+9), as you chose", chosenHtml);
    }

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var browser = app.CreateAnonymousClient();
        await SignInTests.SignInAsync(browser, DashboardFactory.AdminUserName, DashboardFactory.AdminPassword);
        return browser;
    }

    private static List<string> Titles(string html) => [.. Title().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<time datetime=\"[^\"]+\" title=\"(?<title>[^\"]+)\"[^>]*>(?<text>[^<]+)</time>")]
    private static partial Regex LocalTime();

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex Title();
}
