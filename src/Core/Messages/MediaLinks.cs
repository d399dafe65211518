using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Core.Messages;

/// <summary>
/// Which media addresses may become a link or an image source on a page. Media URLs come from webhooks (an inbound
/// MMS's <c>Media&lt;n&gt;</c>), so they are someone else's text: only absolute http(s) addresses are linked, never
/// <c>javascript:</c>, <c>data:</c> or a relative path. Every page that shows media asks here.
/// </summary>
public static class MediaLinks
{
    /// <summary>The longest media URL we keep (the schema's <c>MessageMedia.Url</c> length).</summary>
    public const int MaxLength = 2048;

    /// <summary>True, with the parsed address, when <paramref name="url"/> is an absolute http or https URL.</summary>
    public static bool IsSafe([NotNullWhen(true)] string? url, [NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(parsed.Host))
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    public static bool IsSafe([NotNullWhen(true)] string? url) => IsSafe(url, out _);
}
