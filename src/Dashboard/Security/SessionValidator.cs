using System.Globalization;
using System.Security.Claims;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Dashboard.Security;

/// <summary>
/// Whether a signed-in user's session still stands: the user exists and its security stamp is the one the session was
/// signed in with (sign-out, new roles, a new password and deletion change or remove it); a stored API key is not
/// revoked. Checked on every request that carries the cookie and, for open Blazor circuits and hub connections,
/// every <see cref="RevalidationInterval"/>.
/// </summary>
public sealed class SessionValidator(UserService users, ApiKeyService keys)
{
    /// <summary>How often an open circuit re-checks its user; each check is an in-memory lookup most of the time.</summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromSeconds(5);

    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName)
        {
            // Requests look their key up each time; this is for connections that outlive their request (the hub).
            // A configured key (no id) lives as long as the configuration that names it.
            return !long.TryParse(principal.FindFirstValue(Policies.KeyIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var keyId)
                || await keys.IsActiveAsync(keyId, cancellationToken);
        }

        if (!long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || principal.FindFirstValue(Policies.StampClaim) is not { } stamp)
        {
            // A cookie from before stamps existed, or not a user's: sign in again.
            return false;
        }

        var session = await users.GetSessionAsync(id, cancellationToken);
        return session is not null && string.Equals(session.SecurityStamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>The cookie handler's hook: a session that no longer stands is refused and its cookie removed.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
        if (context.Principal is null || !await validator.IsValidAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}

/// <summary>
/// The framework's revalidating provider for Blazor circuits: a circuit whose user signed out, lost roles, changed
/// password or was deleted becomes anonymous within <see cref="SessionValidator.RevalidationInterval"/>, and its
/// pages show the sign-in prompt instead of data.
/// </summary>
public sealed class SessionRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => SessionValidator.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionValidator>().IsValidAsync(authenticationState.User, cancellationToken);
    }
}
