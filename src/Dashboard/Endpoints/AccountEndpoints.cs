using System.Security.Claims;
using Dashboard.Core.Users;
using Dashboard.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Endpoints;

/// <summary>
/// Sign-in and sign-out: the form on /login posts here (anti-forgery checked, rate limited per address, throttled per
/// user name: ADR-007); the layout's sign-out form posts its anti-forgery token, and a foreign Origin is refused
/// (<see cref="OriginCheck"/>).
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").WithTags("Account");
        group.MapPost("/login", SignIn).AllowAnonymous().RequireRateLimiting(SecurityServiceCollectionExtensions.SignInRateLimit);
        // Anonymous allowed: a session that already ended elsewhere still gets its stale cookie removed.
        group.MapPost("/logout", (Delegate)SignOut).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute());
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
            var error = result.Status == SignInStatus.Throttled ? "wait" : "invalid";
            return TypedResults.LocalRedirect($"/login?error={error}&returnUrl={Uri.EscapeDataString(back ?? "/")}");
        }

        var user = result.User!;
        var identity = new ClaimsIdentity(
            Policies.Claims(user.UserName, user.Roles, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), user.SecurityStamp),
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));

        // Agents work in the inbox; everyone else starts on the overview.
        var home = user.Roles is UserRoles.Agent ? "/inbox" : "/";
        return TypedResults.LocalRedirect(back ?? home);
    }

    /// <summary>Ends the user's sessions everywhere (a copied cookie stops working too), then removes this browser's cookie.</summary>
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SignOut(HttpContext context, UserService users)
    {
        // UseAntiforgery checked the token (the endpoint asks for it) but only form binding refuses; this endpoint binds none.
        // A browser whose session already ended (elsewhere) has nothing to forge: its stale cookie is just removed.
        if (context.User.Identity?.IsAuthenticated == true && context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out refused",
                detail: "The sign-out form's anti-forgery token is missing or not valid.");
        }

        if (long.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            await users.EndSessionsAsync(id, context.RequestAborted);
        }

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
