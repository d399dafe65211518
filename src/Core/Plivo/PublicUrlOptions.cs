using Microsoft.AspNetCore.Http;

namespace Dashboard.Core.Plivo;

/// <summary>
/// The address at which Plivo reaches this app (top-level <c>PublicBaseUrl</c>): signatures are computed over
/// the URL Plivo called, which behind a proxy or tunnel is not the one Kestrel sees. Empty: use the request's
/// own scheme and host (after forwarded headers) when checking a signature, and the address Kestrel listens on when
/// building callback URLs (<see cref="PlivoAddresses"/>).
/// </summary>
public sealed class PublicUrlOptions
{
    public string? PublicBaseUrl { get; set; }

    /// <summary>The public URL of a request: <see cref="PublicBaseUrl"/> (with any path prefix) plus the request's path and query.</summary>
    public Uri PublicUrlOf(HttpRequest request)
    {
        var baseUrl = string.IsNullOrWhiteSpace(PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : PublicBaseUrl.TrimEnd('/');
        return new Uri(baseUrl + request.Path + request.QueryString);
    }
}
