using Dashboard.Core.Plivo;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Webhooks;

/// <summary>The verdict on a webhook's signature.</summary>
public enum SignatureVerdict
{
    /// <summary>A signature matched.</summary>
    Valid,

    /// <summary>No auth token is configured, so nothing can be checked (the simulator-less demo or a test).</summary>
    NotChecked,

    /// <summary>No signature headers (or no nonce) came with the request.</summary>
    Missing,

    /// <summary>Signatures came, and none matched.</summary>
    Invalid,
}

/// <summary>The verdict, and the nonce the matching signature was made with (null unless <see cref="SignatureVerdict.Valid"/>).</summary>
public readonly record struct SignatureCheck(SignatureVerdict Verdict, string? Nonce)
{
    public bool Refused => Verdict is SignatureVerdict.Missing or SignatureVerdict.Invalid;
}

/// <summary>
/// Checks the signature headers Plivo puts on message webhooks. V3 (<c>X-Plivo-Signature-V3</c> with the
/// account's token, <c>X-Plivo-Signature-Ma-V3</c> with the main account's) when present; V2 only when no V3
/// header came and <see cref="PlivoOptions.AcceptSignatureV2"/> allows it (off by default: V2 does not cover the body).
/// A failed V3 never falls back to V2. Replays are refused later, by the writer's nonce ledger (ADR-002).
/// </summary>
public sealed class WebhookSignatureVerifier(IOptionsMonitor<PlivoOptions> options)
{
    public const string V3Header = "X-Plivo-Signature-V3";
    public const string MaV3Header = "X-Plivo-Signature-Ma-V3";
    public const string V3NonceHeader = "X-Plivo-Signature-V3-Nonce";
    public const string V2Header = "X-Plivo-Signature-V2";
    public const string MaV2Header = "X-Plivo-Signature-Ma-V2";
    public const string V2NonceHeader = "X-Plivo-Signature-V2-Nonce";

    /// <param name="method">GET or POST.</param>
    /// <param name="publicUrl">The URL Plivo called, as the public sees it (with its query string for GET).</param>
    /// <param name="formParameters">The POST form fields; empty for GET, whose parameters are in the URL.</param>
    /// <param name="header">Looks a request header up by name.</param>
    public SignatureCheck Verify(string method, Uri publicUrl, IReadOnlyList<KeyValuePair<string, string>> formParameters, Func<string, string?> header)
    {
        var o = options.CurrentValue;
        if (string.IsNullOrEmpty(o.AuthToken))
        {
            return new(SignatureVerdict.NotChecked, null);
        }

        string? v3 = header(V3Header), maV3 = header(MaV3Header);
        if (!string.IsNullOrEmpty(v3) || !string.IsNullOrEmpty(maV3))
        {
            var nonce = header(V3NonceHeader);
            if (string.IsNullOrEmpty(nonce))
            {
                return new(SignatureVerdict.Missing, null);
            }

            return Checked(nonce,
                PlivoSignature.VerifyV3(o.AuthToken, method, publicUrl, formParameters, nonce, v3)
                || PlivoSignature.VerifyV3(o.EffectiveMainAccountToken, method, publicUrl, formParameters, nonce, maV3));
        }

        string? v2 = header(V2Header), maV2 = header(MaV2Header);
        if (!o.AcceptSignatureV2 || (string.IsNullOrEmpty(v2) && string.IsNullOrEmpty(maV2)))
        {
            return new(SignatureVerdict.Missing, null);
        }

        var v2Nonce = header(V2NonceHeader);
        if (string.IsNullOrEmpty(v2Nonce))
        {
            return new(SignatureVerdict.Missing, null);
        }

        return Checked(v2Nonce,
            PlivoSignature.VerifyV2(o.AuthToken, publicUrl, v2Nonce, v2)
            || PlivoSignature.VerifyV2(o.EffectiveMainAccountToken, publicUrl, v2Nonce, maV2));
    }

    // A nonce longer than any Plivo sends cannot be remembered for the replay check, so it is not accepted either.
    private static SignatureCheck Checked(string nonce, bool matched) =>
        matched && nonce.Length <= WebhookReceipt.MaxNonceLength ? new(SignatureVerdict.Valid, nonce) : new(SignatureVerdict.Invalid, null);
}
