using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Security;

/// <summary>Sign-in through the real form, cookie and anti-forgery token; an app of its own (the sign-in rate limit is per address).</summary>
public partial class SignInTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _app;

    public SignInTests(DashboardFactory app)
    {
        _app = app;
    }

    [Fact]
    public async Task StrangerIsSentToSignInAndComesBackAfterIt()
    {
        var browser = _app.CreateAnonymousClient();

        var page = await browser.GetAsync("/messages?message_state=failed");
        var signedIn = await SignInAsync(browser, DashboardFactory.AdminUserName, DashboardFactory.AdminPassword, "/messages?message_state=failed");
        var after = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/login", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/messages?message_state=failed", signedIn.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task WrongPasswordSaysSoWithoutSigningIn()
    {
        var browser = _app.CreateAnonymousClient();

        var response = await SignInAsync(browser, DashboardFactory.AdminUserName, "not the password at all");
        var page = await browser.GetAsync(response.Headers.Location!);
        var home = await browser.GetAsync("/");

        Assert.Contains("/login?error=invalid", response.Headers.Location!.ToString());
        Assert.Contains("is not right", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task SignInFormWithoutAntiforgeryTokenIsRefused()
    {
        var browser = _app.CreateAnonymousClient();

        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(
            [new("username", DashboardFactory.AdminUserName), new("password", DashboardFactory.AdminPassword)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ReturnUrlToAnotherSiteIsIgnored()
    {
        var browser = _app.CreateAnonymousClient();

        var response = await SignInAsync(browser, DashboardFactory.AdminUserName, DashboardFactory.AdminPassword, "//evil.example/phish");

        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    /// <summary>Signs in as a browser does: fetch the form (anti-forgery cookie and token), post it.</summary>
    internal static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password, string? returnUrl = null)
    {
        var form = await browser.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("username", userName), new("password", password), new("returnUrl", returnUrl ?? ""),
        ]));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
