using System.Globalization;
using System.Net;
using System.Text;

namespace Dashboard.Core.Simulator;

/// <summary>
/// The pictures attached to the inbound MMS and WhatsApp media the simulator makes up, served under
/// <c>/sim/media/{name}.svg</c>: a coloured card drawn from the name alone, so any name always gives the same image.
/// </summary>
public static class SimulatorMedia
{
    public const string ContentType = "image/svg+xml";

    /// <summary>True for names the simulator serves: letters, digits, '-' and '_', ending in ".svg".</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 4 and <= 80 } && name.EndsWith(".svg", StringComparison.Ordinal)
        && name[..^4].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static byte[] Render(string name)
    {
        var hue = CarrierModel.StableHash(name) % 360;
        var label = WebUtility.HtmlEncode(name[..^4]);
        var svg = string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="480" height="320" viewBox="0 0 480 320">
              <rect width="480" height="320" rx="24" fill="hsl({hue},70%,55%)"/>
              <circle cx="380" cy="90" r="48" fill="hsl({(hue + 40) % 360},80%,75%)"/>
              <path d="M0 260 L140 150 L260 250 L340 190 L480 280 L480 320 L0 320 Z" fill="hsl({(hue + 180) % 360},45%,35%)"/>
              <text x="32" y="60" font-family="sans-serif" font-size="28" fill="#fff">{label}</text>
              <text x="32" y="96" font-family="sans-serif" font-size="16" fill="#fff">Plivo simulator media</text>
            </svg>
            """);
        return Encoding.UTF8.GetBytes(svg);
    }

    /// <summary>The content type a media URL most likely has, from its extension (what Plivo's media list reports).</summary>
    public static string ContentTypeOf(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => "image/jpeg",
            ".png" => "image/png",
            ".gif" => "image/gif",
            ".svg" => ContentType,
            ".mp4" => "video/mp4",
            ".mp3" => "audio/mpeg",
            ".pdf" => "application/pdf",
            ".vcf" => "text/vcard",
            _ => "application/octet-stream",
        };
    }
}
