using System.Security.Claims;
using Dashboard.Core.Users;
using Dashboard.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Endpoints;

/// <summary>Sign-in and sign-out: the form on /login posts here (anti-forgery checked, rate limited per address).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").WithTags("Account");
        group.MapPost("/login", SignIn).AllowAnonymous().RequireRateLimiting(SecurityServiceCollectionExtensions.SignInRateLimit);
        group.MapPost("/logout", (Delegate)SignOut);
        return app;
    }

    public static async Task<RedirectHttpResult> SignIn(
        [FromForm(Name = "username")] string? userName, [FromForm(Name = "password")] string? password,
        [FromForm(Name = "returnUrl")] string? returnUrl, HttpContext context, UserService users)
    {
        var back = SafeReturnUrl(returnUrl);
        var result = await users.SignInAsync(userName ?? "", password ?? "", context.RequestAborted);
        if (result.Status != SignInStatus.Succeeded)
        {
            var error = result.Status == SignInStatus.LockedOut ? "locked" : "invalid";
            return TypedResults.LocalRedirect($"/login?error={error}&returnUrl={Uri.EscapeDataString(back ?? "/")}");
        }

        var user = result.User!;
        var identity = new ClaimsIdentity(Policies.Claims(user.UserName, user.Roles, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));

        // Agents work in the inbox; everyone else starts on the overview.
        var home = user.Roles is UserRoles.Agent ? "/inbox" : "/";
        return TypedResults.LocalRedirect(back ?? home);
    }

    public static async Task<RedirectHttpResult> SignOut(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/login");
    }

    /// <summary>Only local paths, so the sign-in page cannot be used to bounce people to another site.</summary>
    private static string? SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.StartsWith("/login", StringComparison.OrdinalIgnoreCase)
            ? url
            : null;
}
