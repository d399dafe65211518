using Dashboard.Core.Plivo;
using System.Threading.RateLimiting;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>Sign-in (cookie for people, API key for integrators), policies, sign-in rate limit, security headers.</summary>
public static class SecurityServiceCollectionExtensions
{
    public const string SignInRateLimit = "sign-in";

    /// <summary>The <see cref="FailureThrottle"/> of the simulator's Basic auth failures, per client address.</summary>
    public const string SimulatorAuthThrottle = "simulator-auth";
    private const string SmartScheme = "CookieOrApiKey";

    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName);
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName)
            .Validate(o => o.IsValid(), "Security: KnownProxies must be IP addresses, KnownNetworks CIDR networks, AllowedOrigins http(s) origins.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            // The framework trusts loopback by default, and every peer when both lists are empty: only the proxies
            // configured here are believed, and with none configured no forwarded header is read at all.
            var trusted = security.Value.KnownProxies.Count > 0 || security.Value.KnownNetworks.Count > 0;
            o.ForwardedHeaders = trusted
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost
                : ForwardedHeaders.None;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in security.Value.Proxies())
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in security.Value.Networks())
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        services.AddSingleton<UserService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<SessionValidator>();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();
        services.AddKeyedSingleton(SimulatorAuthThrottle, (provider, _) =>
        {
            var auth = provider.GetRequiredService<IOptions<AuthOptions>>().Value;
            return new FailureThrottle(provider.GetRequiredService<TimeProvider>(), auth.FreeSignInFailures, auth.MaxSignInDelay);
        });
        services.AddHostedService<FirstRunAdmin>();

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/forbidden";
                o.Cookie.Name = "dashboard.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = SessionValidator.ValidateCookieAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(Policies.Add);
        services.AddCascadingAuthenticationState();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>
    /// Content-Security-Policy as strict as Blazor Server and MudBlazor allow (ADR-006): scripts only from our own
    /// origin (no inline script, no eval: MudBlazor's script is a file, and viewer.js is ours); styles also inline,
    /// because MudThemeProvider writes the palette as a &lt;style&gt; element and components set style attributes
    /// through the renderer (popover positions, drawer widths), which neither a nonce nor a hash can cover; images
    /// also from https (MMS media lives on Plivo's hosts) and data: URIs. No MIME sniffing, no framing.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (OriginCheck.AppliesTo(context.Request)
            && !OriginCheck.IsAllowed(context.Request, context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value,
                context.RequestServices.GetRequiredService<IOptions<PublicUrlOptions>>().Value))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
            "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (IsApi(context.Request))
        {
            // Messages, costs and numbers: no browser or proxy keeps a copy of an API answer.
            headers.CacheControl = "no-store";
        }

        await next();
    });

    /// <summary>The read API and the exports under <c>/api</c>, and its OpenAPI document: answered in JSON (or CSV), never as pages.</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    /// <summary>
    /// The sign-in page is served to strangers and loads <c>_framework/blazor.web.js</c>, which the Razor components
    /// endpoints serve; without this the fallback policy would send the script to the sign-in page too. Pages keep
    /// their own policies: only the framework's script endpoints are opened.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder AllowAnonymousFrameworkScripts(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern } && pattern.TrimStart('/').StartsWith("_framework/", StringComparison.Ordinal))
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
            }
        });
        return builder;
    }

    /// <summary>APIs and the hub answer 401/403; pages redirect to the sign-in or the access-denied page.</summary>
    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (IsApi(context.Request) || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Creates the first admin when there are no users, and prints a generated password once: on the console, or on the
/// <see cref="TextWriter"/> registered under <see cref="OutputKey"/> (tests).
/// </summary>
internal sealed class FirstRunAdmin(UserService users, IServiceProvider services) : IHostedService
{
    public const string OutputKey = "first-run-output";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var created = await users.EnsureFirstAdminAsync(cancellationToken);
        if (created is { GeneratedPassword: { } password } admin)
        {
            // Printed once, on purpose, and never logged: this is the only copy.
            var output = services.GetKeyedService<TextWriter>(OutputKey) ?? Console.Out;
            output.WriteLine();
            output.WriteLine("  First run: created the administrator account.");
            output.WriteLine($"    user name: {admin.UserName}");
            output.WriteLine($"    password:  {password}");
            output.WriteLine("  Sign in at /login and change it on the Users page. It will not be shown again.");
            output.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
