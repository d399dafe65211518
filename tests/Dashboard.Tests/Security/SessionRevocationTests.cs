using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Dashboard.Core.Users;
using Dashboard.Security;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Security;

/// <summary>
/// A saved session cookie stops working the moment its user signs out, loses a role, gets a new password or is deleted,
/// also in an open Blazor circuit. An app of its own (sign-in is rate limited per address).
/// </summary>
public partial class SessionRevocationTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private const string Password = "manager-password-123";

    [Fact]
    public async Task CookieSavedBeforeSignOutNoLongerReadsTheApiOrTheCsv()
    {
        var (browser, cookie) = await SignedInAsync("revoke-signout");
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(cookie).GetAsync("/api/messages")).StatusCode);

        var token = AntiforgeryToken().Match(await browser.GetStringAsync("/")).Groups[1].Value;
        var signOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(cookie).GetAsync("/api/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(cookie).GetAsync("/api/reports/costs.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(cookie).PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Theory]
    [InlineData("roles")]
    [InlineData("password")]
    [InlineData("delete")]
    public async Task CookieStopsWorkingAtOnceWhenTheUserChanges(string change)
    {
        var name = "revoke-" + change;
        var (_, cookie) = await SignedInAsync(name);
        var users = app.Services.GetRequiredService<UserService>();
        var id = (await users.ListAsync()).Single(u => u.UserName == name).Id;
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(cookie).GetAsync("/api/reports/costs.csv")).StatusCode);

        await (change switch
        {
            "roles" => users.SetRolesAsync(id, UserRoles.Support),
            "password" => users.SetPasswordAsync(id, "a-brand-new-password-1"),
            _ => users.DeleteAsync(id),
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(cookie).GetAsync("/api/reports/costs.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(cookie).GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task OpenCircuitLosesItsUserWhenTheSessionIsEnded()
    {
        var users = app.Services.GetRequiredService<UserService>();
        var id = await users.CreateAsync("revoke-circuit", Password, UserRoles.Manager | UserRoles.Support);
        var user = (await users.GetSessionAsync(id))!;
        await using var circuit = app.Services.CreateAsyncScope();
        var provider = circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            Policies.Claims(user.UserName, user.Roles, id.ToString(System.Globalization.CultureInfo.InvariantCulture), user.SecurityStamp), "Cookies"));
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var signedOut = new TaskCompletionSource();
        provider.AuthenticationStateChanged += async state =>
        {
            if ((await state).User.Identity?.IsAuthenticated != true)
            {
                signedOut.TrySetResult();
            }
        };

        await users.EndSessionsAsync(id);

        Assert.IsType<SessionRevalidatingAuthenticationStateProvider>(provider);
        await signedOut.Task.WaitAsync(SessionValidator.RevalidationInterval * 4);
        Assert.False((await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task SignOutWithoutTheAntiforgeryTokenIsRefusedAndTheSessionStands()
    {
        var (browser, cookie) = await SignedInAsync("revoke-csrf");

        var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(cookie).GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task SignOutOfASessionThatAlreadyEndedElsewhereStillLeadsToTheSignInPage()
    {
        var (browser, _) = await SignedInAsync("revoke-twice");
        var token = AntiforgeryToken().Match(await browser.GetStringAsync("/")).Groups[1].Value;
        var users = app.Services.GetRequiredService<UserService>();
        await users.EndSessionsAsync((await users.ListAsync()).Single(u => u.UserName == "revoke-twice").Id);

        var signOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/login", signOut.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignOutFromAnotherSiteIsRefusedEvenWithAToken()
    {
        var (browser, cookie) = await SignedInAsync("revoke-origin");
        var token = AntiforgeryToken().Match(await browser.GetStringAsync("/")).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Origin", "https://evil.example");

        var forged = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(cookie).GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task SignOutFormPostedWithAnOpaqueOriginAndItsTokenWorksAsChromiumSendsIt()
    {
        var (browser, cookie) = await SignedInAsync("revoke-null-origin");
        var token = AntiforgeryToken().Match(await browser.GetStringAsync("/")).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        };
        // Under Referrer-Policy: no-referrer, Chromium's form posts say "Origin: null".
        request.Headers.Add("Origin", "null");

        var signOut = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(cookie).GetAsync("/api/messages")).StatusCode);
    }

    /// <summary>A Manager signed in through the form; returns the browser and its auth cookie as a header value.</summary>
    private async Task<(HttpClient Browser, string Cookie)> SignedInAsync(string name)
    {
        var users = app.Services.GetRequiredService<UserService>();
        if ((await users.ListAsync()).All(u => u.UserName != name))
        {
            await users.CreateAsync(name, Password, UserRoles.Manager | UserRoles.Support);
        }

        var browser = app.CreateAnonymousClient();
        var response = await SignInTests.SignInAsync(browser, name, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal));
        return (browser, cookie[..cookie.IndexOf(';')]);
    }

    /// <summary>Another client presenting a saved cookie, as someone who copied it would.</summary>
    private HttpClient WithCookie(string cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
