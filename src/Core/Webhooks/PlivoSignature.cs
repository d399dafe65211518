using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Core.Webhooks;

/// <summary>
/// Computes and checks the signatures Plivo puts on its webhooks: V3 (<c>X-Plivo-Signature-V3</c>,
/// <c>-Ma-V3</c>) and the older V2 (<c>X-Plivo-Signature-V2</c>, <c>-Ma-V2</c>).
/// </summary>
/// <remarks>
/// V3 follows the algorithm the Python, Go and Node SDKs share, checked against the Go SDK's test vectors,
/// with these deliberate choices:
/// <list type="bullet">
/// <item>A non-default port stays in the signed URL, as in Python, Go and Node (the .NET SDK drops it).</item>
/// <item>Parameter values are the decoded form or query values; the URL's own query is decoded too
/// (<c>+</c> is a space), as Go's <c>url.Query()</c> and Python's <c>parse_qs</c> do.</item>
/// <item>A repeated key keeps every value, sorted, as Python and Node do for POST bodies. For GET, a key that is
/// both in the URL's query and in the parameters also keeps both values; Python lets the query win and Go the
/// parameter, but nothing a real callback sends should hit that case.</item>
/// <item>Keys and values sort by ordinal UTF-16 comparison, which matches the SDKs' code-point order for every
/// character below U+E000 (all of Plivo's parameter names and practically every value).</item>
/// <item>The URL is the one Plivo called, as configured. Its path is signed in escaped form, and an empty path
/// (<c>https://answer.url</c>) stays empty instead of turning into <c>/</c>: the Python V2 test vector depends on
/// that. An explicit default port (<c>:443</c>) is normalised away by <see cref="Uri"/>.</item>
/// </list>
/// Plivo documents no replay window; callers that care should remember nonces for a while.
/// </remarks>
public static class PlivoSignature
{
    /// <summary>Computes the V3 signature: Base64(HMAC-SHA256(token, BASE + "." + nonce)).</summary>
    /// <param name="authToken">The (sub)account auth token for <c>-V3</c>, the main account's for <c>-Ma-V3</c>.</param>
    /// <param name="method">The callback method; <c>GET</c> (any case) signs parameters as a query, anything else as a form body.</param>
    /// <param name="url">The public URL Plivo called, including its query string.</param>
    /// <param name="parameters">Decoded form fields (POST) or the callback's own parameters (GET), without the URL's query.</param>
    /// <param name="nonce">The <c>X-Plivo-Signature-V3-Nonce</c> header.</param>
    public static string ComputeV3(
        string authToken,
        string method,
        Uri url,
        IEnumerable<KeyValuePair<string, string>> parameters,
        string nonce)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(nonce);

        return Sign(authToken, BuildV3Base(method, url, parameters) + "." + nonce);
    }

    /// <summary>
    /// True when any of the comma-separated signatures in <paramref name="signatureHeader"/> equals the V3
    /// signature of this request. A missing header, nonce or token is never valid.
    /// </summary>
    public static bool VerifyV3(
        string authToken,
        string method,
        Uri url,
        IEnumerable<KeyValuePair<string, string>> parameters,
        string nonce,
        string? signatureHeader)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(nonce) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            return false;
        }

        return MatchesAny(ComputeV3(authToken, method, url, parameters, nonce), signatureHeader);
    }

    /// <summary>
    /// Computes the V2 signature: Base64(HMAC-SHA256(token, scheme://host[:port]/path + nonce)).
    /// There is no "." before the nonce, and neither the query string nor the body is signed.
    /// </summary>
    /// <param name="authToken">The (sub)account auth token for <c>-V2</c>, the main account's for <c>-Ma-V2</c>.</param>
    /// <param name="url">The public URL Plivo called; its query and fragment are ignored.</param>
    /// <param name="nonce">The <c>X-Plivo-Signature-V2-Nonce</c> header.</param>
    public static string ComputeV2(string authToken, Uri url, string nonce)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(nonce);

        return Sign(authToken, BaseUrl(url) + nonce);
    }

    /// <summary>
    /// True when any of the comma-separated signatures in <paramref name="signatureHeader"/> equals the V2
    /// signature. V2 does not cover the body, so prefer V3 whenever a request carries it.
    /// </summary>
    public static bool VerifyV2(string authToken, Uri url, string nonce, string? signatureHeader)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(nonce) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            return false;
        }

        return MatchesAny(ComputeV2(authToken, url, nonce), signatureHeader);
    }

    /// <summary>The string V3 signs before the nonce is appended; internal so tests can pin its exact shape.</summary>
    internal static string BuildV3Base(string method, Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var baseUrl = BaseUrl(url);
        var query = ParseQuery(url.Query);
        var posted = parameters.Select(p => KeyValuePair.Create(p.Key ?? "", p.Value ?? "")).ToList();

        if (string.Equals(method.Trim(), "GET", StringComparison.OrdinalIgnoreCase))
        {
            var merged = Sorted([.. query, .. posted]);
            return merged.Count == 0 ? baseUrl : baseUrl + "?" + AsQuery(merged);
        }

        var q = AsQuery(Sorted(query));
        var p = new StringBuilder(256);
        foreach (var (key, value) in Sorted(posted))
        {
            p.Append(key).Append(value);
        }

        return (q.Length, p.Length) switch
        {
            (0, 0) => baseUrl,
            (0, _) => baseUrl + "?" + p,
            (_, 0) => baseUrl + "?" + q,
            _ => baseUrl + "?" + q + "." + p,
        };
    }

    private static string BaseUrl(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("Plivo signs the absolute URL it called.", nameof(url));
        }

        var path = url.AbsolutePath;
        if (path == "/" && !HasExplicitPath(url.OriginalString))
        {
            // Uri turns "https://answer.url" into ".../"; the SDKs sign what was configured, with no slash.
            path = "";
        }

        // Authority carries the port only when it is not the scheme's default, which is what we want.
        return url.Scheme + "://" + url.Authority + path;
    }

    private static bool HasExplicitPath(string original)
    {
        var schemeEnd = original.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        var end = original.IndexOfAny(['/', '?', '#'], authorityStart);
        return end >= 0 && original[end] == '/';
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            // A bare key ("?flag") has an empty value, as with Python's keep_blank_values=True.
            var equals = part.IndexOf('=');
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(KeyValuePair.Create(Decode(key), Decode(value)));
        }

        return pairs;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static List<KeyValuePair<string, string>> Sorted(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        // Every webhook goes through here: one in-place sort rather than a LINQ ordering and its allocations.
        List<KeyValuePair<string, string>> sorted = [.. pairs];
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key) is var byKey and not 0 ? byKey : string.CompareOrdinal(a.Value, b.Value));
        return sorted;
    }

    private static string AsQuery(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join('&', pairs.Select(kv => kv.Key + "=" + kv.Value));

    private static string Sign(string authToken, string message) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(message)));

    private static bool MatchesAny(string expected, string signatureHeader)
    {
        var expectedBytes = Encoding.UTF8.GetBytes(expected);
        var matched = false;
        foreach (var candidate in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // Check every candidate so the time taken does not depend on which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), expectedBytes);
        }

        return matched;
    }
}
