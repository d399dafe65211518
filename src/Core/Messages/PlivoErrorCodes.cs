using System.Collections.Frozen;

namespace Dashboard.Core.Messages;

/// <summary>Whose side a failure is on, so the dashboard can group failures by who has to act.</summary>
public enum ErrorFaultDomain
{
    /// <summary>No error: the code reports success or there is no code.</summary>
    None,

    /// <summary>The carrier or its routing: network trouble, no route, carrier policy.</summary>
    Carrier,

    /// <summary>The message itself: invalid, too long, attachments too large.</summary>
    Content,

    /// <summary>The Plivo account or its configuration: sender number, geo permissions, credit, status.</summary>
    Account,

    /// <summary>The destination number is malformed, not SMS-capable or a landline.</summary>
    Destination,

    /// <summary>The recipient's handset or subscription: off, out of coverage, deactivated.</summary>
    Handset,

    /// <summary>Opt-outs, spam filtering and sending-policy rules.</summary>
    Compliance,

    /// <summary>Plivo's own platform or queues.</summary>
    Platform,

    /// <summary>Nobody knows, or the code is not one this dashboard recognises.</summary>
    Unknown,
}

/// <summary>One SMS/MMS error code as Plivo reports it in <c>ErrorCode</c> callbacks and the MDR's <c>error_code</c>.</summary>
/// <param name="Code">The code exactly as Plivo sends it; a string because "000" must not become 0.</param>
/// <param name="Name">A short name for tables and badges.</param>
/// <param name="Meaning">What happened and, where known, what to do.</param>
/// <param name="Domain">Who is at fault; inferred from Plivo's description for most codes.</param>
/// <param name="Transient">True when sending the same message again later may well succeed without changing anything.</param>
/// <param name="Verified">False when the code or its name comes only from third-party sources.</param>
public sealed record PlivoErrorCode(string Code, string Name, string Meaning, ErrorFaultDomain Domain, bool Transient, bool Verified);

/// <summary>
/// Plivo's SMS/MMS error-code table (docs/plivo/error-codes.md).
/// Unknown codes are described, never rejected: Plivo adds codes (10DLC, toll-free) that this table lacks.
/// </summary>
public static class PlivoErrorCodes
{
    /// <summary>Every known code, in numeric order, starting with "000".</summary>
    public static IReadOnlyList<PlivoErrorCode> All { get; } =
    [
        new("000", "No error", "Delivered successfully; newer Plivo docs report 000 for a successful delivery.",
            ErrorFaultDomain.None, false, true),
        new("10", "Invalid message", "A downstream carrier rejected the content as invalid although Plivo's checks passed (for example a blank body, or an over-long one some carriers report as 10 instead of 110).",
            ErrorFaultDomain.Content, false, true),
        // Plivo itself calls 20 temporary and suggests retrying later.
        new("20", "Network error", "The delivering carrier had network problems. Temporary: retrying later is reasonable.",
            ErrorFaultDomain.Carrier, true, true),
        new("30", "Spam detected", "A carrier spam filter blocked the message. Also caused by bulk traffic on US/CA long codes; use 10DLC, toll-free or a short code.",
            ErrorFaultDomain.Compliance, false, true),
        new("40", "Invalid source number", "The source number is badly formatted, not SMS-capable, or not on this Plivo account.",
            ErrorFaultDomain.Account, false, true),
        new("50", "Invalid destination number", "The destination number is badly formatted, not SMS-capable, or a landline.",
            ErrorFaultDomain.Destination, false, true),
        new("60", "Loop detected", "A carrier saw an endless loop between source and destination (for example two auto-responders), or could not route a message bouncing between platforms.",
            ErrorFaultDomain.Carrier, false, true),
        new("70", "Destination permanently unavailable", "The number is inactive with no sign it will return; the carrier gives no reason.",
            ErrorFaultDomain.Handset, false, true),
        // Phone off or out of coverage: Plivo says to retry later.
        new("80", "Destination temporarily unavailable", "The number cannot be reached right now (phone off, out of coverage). Retry later.",
            ErrorFaultDomain.Handset, true, true),
        // Not transient: a missing route needs Plivo support, not time.
        new("90", "No route available", "Neither the carrier nor its fallbacks had a route. Ask Plivo support and include the message UUIDs.",
            ErrorFaultDomain.Carrier, false, true),
        new("100", "Prohibited by carrier", "The carrier's network does not accept this message, for example because the destination network has no SMS.",
            ErrorFaultDomain.Carrier, false, true),
        new("110", "Message too long", "Over 1,600 GSM characters or 737 Unicode characters.",
            ErrorFaultDomain.Content, false, true),
        new("120", "MMS payload too large", "Text plus attachments exceed 5 MB.",
            ErrorFaultDomain.Content, false, true),
        new("130", "MMS media error (unverified)", "Reported as an MMS media code; neither the code nor its meaning is confirmed in Plivo's sources.",
            ErrorFaultDomain.Unknown, false, false),
        new("140", "MMS media error (unverified)", "Reported as an MMS media code; neither the code nor its meaning is confirmed in Plivo's sources.",
            ErrorFaultDomain.Unknown, false, false),
        new("200", "Blocked by STOP from destination", "The recipient opted out from this sender, so Plivo blocked the send (the message is failed).",
            ErrorFaultDomain.Compliance, false, true),
        new("201", "US toll-free to Canada blocked", "Carriers only allow US toll-free numbers to text US numbers.",
            ErrorFaultDomain.Compliance, false, true),
        // Only third-party code names 300. A dispatch failure on Plivo's side is not caused by the message, so a
        // later retry is likely to go through.
        new("300", "Failed to dispatch message", "Plivo could not dispatch the message. Known only from third-party code; no Plivo description found.",
            ErrorFaultDomain.Platform, true, false),
        // Expiry means the queue was backed up past message_expiry; once it drains the same send goes through.
        new("420", "Message expired", "The message waited in Plivo's queue longer than message_expiry (default 3 h). Failed and not charged.",
            ErrorFaultDomain.Platform, true, true),
        new("450", "Destination country barred", "The destination country is not enabled in the account's Geo Permissions.",
            ErrorFaultDomain.Account, false, true),
        // Not transient: it clears only after someone adds credit.
        new("900", "Insufficient credit", "The balance was too low, so the message failed and was never sent to a carrier; for about 2 minutes every send is rejected.",
            ErrorFaultDomain.Account, false, true),
        new("910", "Account disabled", "The Plivo account is disabled. Known only from third-party code.",
            ErrorFaultDomain.Account, false, false),
        new("1000", "Unknown error", "Neither Plivo nor the carrier knows why. Open a ticket with message UUIDs from the last 72 hours.",
            ErrorFaultDomain.Unknown, false, true),
    ];

    /// <summary>What a missing code means: Plivo sends one only for failed or undelivered messages.</summary>
    public static PlivoErrorCode NoError { get; } =
        new("", "No error", "No error code was reported; Plivo sends one only for failed or undelivered messages.",
            ErrorFaultDomain.None, false, true);

    private static readonly FrozenDictionary<string, PlivoErrorCode> ByCode =
        All.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);

    /// <summary>
    /// Describes <paramref name="code"/> as Plivo sent it (surrounding whitespace ignored). Null or blank gives
    /// <see cref="NoError"/>; a code not in <see cref="All"/> gives an "Unknown (code N)" entry. Codes match exactly,
    /// so "0" is unknown rather than "000".
    /// </summary>
    public static PlivoErrorCode Describe(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return NoError;
        }

        var trimmed = code.Trim();
        return ByCode.TryGetValue(trimmed, out var known)
            ? known
            : new PlivoErrorCode(trimmed, $"Unknown (code {trimmed})",
                "A code this dashboard does not know yet; check Plivo's error-code page.",
                ErrorFaultDomain.Unknown, false, false);
    }

    /// <summary>
    /// True when the code reports no error: null, blank or "000". This says nothing about whether the message
    /// was delivered; a queued or sent message has no code either.
    /// </summary>
    public static bool IsSuccess(string? code) => string.IsNullOrWhiteSpace(code) || code.Trim() == "000";
}
