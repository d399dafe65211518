using System.Globalization;

namespace Dashboard.Core.Messages;

/// <summary>
/// Plivo's timestamps: callbacks send <c>YYYY-mm-dd HH:MM:SS.ffffff</c> (UTC, no offset), MDRs add an
/// offset (<c>+05:30</c>). Both parse to UTC; we always write UTC with an explicit <c>+00:00</c>.
/// </summary>
public static class PlivoTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:sszzz",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:sszzz",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ",
        "yyyy-MM-ddTHH:mm:ssZ",
        "yyyy-MM-dd",
    ];

    /// <summary>Parses a Plivo timestamp; one without an offset is UTC, as Plivo documents for filters.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }

    /// <summary>Parses a Unix timestamp in seconds (WhatsApp's <c>ConversationExpirationTimestamp</c>).</summary>
    public static bool TryParseUnix(string? text, out DateTime utc)
    {
        utc = default;
        if (!long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > 253_402_300_799)
        {
            return false;
        }

        utc = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        return true;
    }

    /// <summary>Writes a UTC time as Plivo's MDR does: <c>2021-07-13 13:04:06.799021+00:00</c>.</summary>
    public static string Format(DateTime utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00:00";

    /// <summary>Writes a UTC time as Plivo's callbacks do: <c>2021-07-13 13:04:06.799021</c>.</summary>
    public static string FormatCallback(DateTime utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static string? Format(DateTime? utc) => utc is { } value ? Format(value) : null;
}
