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
        if (TryParseCallbackFormat(text, out utc))
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(text)
            || !DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }

    /// <summary>
    /// The callbacks' own <c>yyyy-MM-dd HH:mm:ss[.f…]</c> (every status callback carries three or four of them) read
    /// digit by digit: the general format list costs a webhook more than its signature check. Anything else, or an
    /// impossible date, is left to the general parser.
    /// </summary>
    private static bool TryParseCallbackFormat(string? text, out DateTime utc)
    {
        utc = default;
        if (text is not { Length: 19 or (>= 21 and <= 26) } || text[4] != '-' || text[7] != '-' || text[10] != ' '
            || text[13] != ':' || text[16] != ':' || (text.Length > 19 && text[19] != '.'))
        {
            return false;
        }

        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        var ticks = 0;
        if (text.Length > 19)
        {
            var digits = text.Length - 20;
            if (!Digits(text, 20, digits, out ticks))
            {
                return false;
            }

            for (var i = digits; i < 7; i++)
            {
                ticks *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

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
