using Dashboard.Core.Plivo;
using System.Net;

namespace Dashboard.Security;

/// <summary>Who may stand in front of the app and which other sites may open its live connections (section <c>Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c>/<c>-Host</c> are believed (IP addresses). None by default:
    /// then no forwarded header is honoured, not even from loopback, so the sign-in limit per address cannot be dodged.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, as CIDR (<c>10.0.0.0/8</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// Origins (<c>https://ops.example.com</c>) besides the app's own whose pages may open the Blazor and hub
    /// connections and post the sign-out form. The app's own origin (and <c>PublicBaseUrl</c>'s) is always allowed.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    internal IEnumerable<IPAddress> Proxies() => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));

    internal IEnumerable<IPNetwork> Networks() => KnownNetworks.Select(n => IPNetwork.Parse(n.Trim()));

    /// <summary>Start-up check, so a typo fails at once rather than silently trusting nobody.</summary>
    internal bool IsValid() =>
        KnownProxies.All(p => IPAddress.TryParse(p.Trim(), out _))
        && KnownNetworks.All(n => IPNetwork.TryParse(n.Trim(), out _))
        && AllowedOrigins.All(o => Uri.TryCreate(o, UriKind.Absolute, out var u) && u.Scheme is "http" or "https");
}

/// <summary>
/// Refuses browser requests from another site where cookies would carry them (cross-site WebSocket hijacking of the
/// Blazor and hub connections, a forged sign-out): a request with an <c>Origin</c> header that is neither the app's
/// own nor configured is answered 403. Requests without <c>Origin</c> (not from a browser page) pass; they still
/// need their cookie or key.
/// </summary>
public static class OriginCheck
{
    public static bool AppliesTo(HttpRequest request) =>
        request.Path.StartsWithSegments("/_blazor") || request.Path.StartsWithSegments("/hubs")
        || request.Path.StartsWithSegments("/account/logout");

    public static bool IsAllowed(HttpRequest request, SecurityOptions security, PublicUrlOptions publicUrl)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        if (origin == "null")
        {
            // Chromium sends "null" for a form post under our Referrer-Policy: no-referrer. The sign-out form also needs
            // its anti-forgery token, which another site cannot read; a live connection from an opaque origin is refused.
            return request.Path.StartsWithSegments("/account/logout");
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var given))
        {
            return false;
        }

        var own = new Uri($"{request.Scheme}://{request.Host}");
        return SameOrigin(given, own)
            || (Uri.TryCreate(publicUrl.PublicBaseUrl, UriKind.Absolute, out var publicBase) && SameOrigin(given, publicBase))
            || security.AllowedOrigins.Any(o => Uri.TryCreate(o, UriKind.Absolute, out var allowed) && SameOrigin(given, allowed));
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
