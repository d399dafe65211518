using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Core.Webhooks;

/// <summary>
/// The signature nonce a verified webhook carried and a fingerprint of exactly what it carried: the method, the URL
/// and every parameter in the order received. The writer remembers both (<see cref="WebhookNonce"/>) so that a nonce
/// seen again with the same fingerprint is taken as Plivo's retry and with another one is refused as a replay
/// (ADR-002).
/// </summary>
public sealed record WebhookReceipt(string Nonce, byte[] Fingerprint)
{
    /// <summary>Longest nonce we keep; Plivo's are 20 digits.</summary>
    public const int MaxNonceLength = 128;

    public static WebhookReceipt Of(string nonce, string method, Uri publicUrl, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        // Separators that cannot occur in a decoded form key, so ("ab","c") and ("a","bc") differ: V3 itself concatenates
        // keys and values without one, which is why its signature alone does not pin the parameters down.
        var text = new StringBuilder(1024).Append(method.ToUpperInvariant()).Append('\n').Append(publicUrl.AbsoluteUri);
        foreach (var (key, value) in parameters)
        {
            text.Append('\0').Append(key).Append('\u0001').Append(value);
        }

        return new WebhookReceipt(nonce, SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))[..16]);
    }
}

/// <summary>A nonce the webhooks accepted, kept for <c>Storage:NonceRetention</c> to refuse replays.</summary>
public sealed class WebhookNonce
{
    public long Id { get; set; }

    public required string Nonce { get; set; }

    /// <summary>The first 16 bytes of the SHA-256 of what the webhook carried (<see cref="WebhookReceipt.Of"/>).</summary>
    public required byte[] Fingerprint { get; set; }

    public DateTime SeenAt { get; set; }
}
