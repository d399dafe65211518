namespace Dashboard.Core.Messages;

/// <summary>
/// Plivo's <c>log</c> option of a send, honoured in our own store (and so on every page and export):
/// <c>true</c> keeps everything; <c>false</c> keeps neither the text nor the number in clear;
/// <c>number_only</c> keeps the number and drops the text; <c>content_only</c> keeps the text and masks the
/// number — as Plivo documents them (docs/plivo/send-message.md, <c>log</c>).
/// </summary>
public static class LogPrivacy
{
    public static bool KeepsText(string? log) => log?.Trim().ToLowerInvariant() is not ("false" or "number_only");

    public static bool KeepsNumber(string? log) => log?.Trim().ToLowerInvariant() is not ("false" or "content_only");

    /// <summary>Masks the middle of a number as Plivo does partially: <c>14155550123</c> → <c>14155****23</c>.</summary>
    public static string MaskNumber(string number)
    {
        if (number.Length <= 6)
        {
            return new string('*', number.Length);
        }

        var keepStart = Math.Min(5, number.Length - 4);
        return number[..keepStart] + new string('*', number.Length - keepStart - 2) + number[^2..];
    }

    /// <summary>The message as it may be stored under its log option.</summary>
    public static OutboundMessage Apply(OutboundMessage message) => message with
    {
        Text = KeepsText(message.Log) ? message.Text : null,
        To = KeepsNumber(message.Log) ? message.To : MaskNumber(message.To),
    };
}
