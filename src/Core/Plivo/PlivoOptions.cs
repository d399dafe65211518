using System.ComponentModel.DataAnnotations;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Plivo;

/// <summary>The Plivo account the dashboard works for (or the embedded simulator's stand-in account).</summary>
public sealed class PlivoOptions
{
    public const string SectionName = "Plivo";

    /// <summary>The account (or subaccount) auth id: the <c>{auth_id}</c> in API paths and the Basic-auth user.</summary>
    public string AuthId { get; set; } = "";

    /// <summary>Signs the API's Basic auth and verifies webhook signatures. Empty: webhooks are not verified.</summary>
    public string AuthToken { get; set; } = "";

    /// <summary>
    /// The main account's token, when <see cref="AuthToken"/> is a subaccount's: Plivo signs the
    /// <c>-Ma-</c> headers with it. Defaults to <see cref="AuthToken"/>.
    /// </summary>
    public string? MainAccountAuthToken { get; set; }

    /// <summary>
    /// Where the Message API lives: https://api.plivo.com for the real Plivo. Empty means this app's own
    /// embedded simulator (<c>{this app}/sim</c>).
    /// </summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// Whether the weaker V2 signature is accepted when a request carries no V3 headers. Off by default: V2 signs
    /// only the URL and the nonce, never the body, so whoever sees one V2-signed callback could rewrite its body;
    /// the nonce ledger then limits that to nonces not yet seen (ADR-002). A request with V3 headers is never
    /// downgraded.
    /// </summary>
    public bool AcceptSignatureV2 { get; set; }

    /// <summary>Our numbers (or sender IDs) that the compose form offers as senders.</summary>
    public List<string> Numbers { get; set; } = [];

    /// <summary>Our <see cref="Numbers"/> that are phone numbers, as digits (what the simulator's demo sends from).</summary>
    public IReadOnlyList<string> PhoneNumbers() =>
        [.. Numbers.Select(Numbering.NormalizeNumber).Where(n => n.Length > 0 && n.All(char.IsAsciiDigit))];

    /// <summary>Powerpacks the compose form offers instead of a sender.</summary>
    public List<string> Powerpacks { get; set; } = [];

    /// <summary>How long one Message API call may take before it is abandoned (each retry gets its own).</summary>
    [Range(1, 300)]
    public int RequestTimeoutSeconds { get; set; } = 15;

    /// <summary>Retries after a 429 or 5xx answer, with exponential backoff; 0 turns retrying off.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; each further retry doubles it (with jitter), unless Plivo sends <c>Retry-After</c>.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    public string EffectiveMainAccountToken => string.IsNullOrEmpty(MainAccountAuthToken) ? AuthToken : MainAccountAuthToken;
}
