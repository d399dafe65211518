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
    /// Whether the weaker V2 signature (URL and nonce only, not the body) is accepted when a request carries
    /// no V3 headers. Plivo's messaging docs still document V2; a request with V3 headers is never downgraded.
    /// </summary>
    public bool AcceptSignatureV2 { get; set; } = true;

    /// <summary>Our numbers (or sender IDs) that the compose form offers as senders.</summary>
    public List<string> Numbers { get; set; } = [];

    /// <summary>Powerpacks the compose form offers instead of a sender.</summary>
    public List<string> Powerpacks { get; set; } = [];

    public string EffectiveMainAccountToken => string.IsNullOrEmpty(MainAccountAuthToken) ? AuthToken : MainAccountAuthToken;
}
