using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>Authenticates integrators by the <c>X-Api-Key</c> header (keys from <see cref="ApiKeyService"/>).</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.FirstOrDefault()))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.ValidateAsync(values.FirstOrDefault(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var identity = new ClaimsIdentity(Policies.Claims($"key:{key.Value.Name}", key.Value.Roles), SchemeName);
        if (key.Value.Id is { } id)
        {
            identity.AddClaim(new Claim(Policies.KeyIdClaim, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
