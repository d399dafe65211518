using System.Text.Json;
using Dashboard.Core.Plivo;

namespace Dashboard.Core.Messages;

/// <summary>
/// Plivo's <c>log</c> option of a send, the one place that decides what of a message is kept under it: in our own
/// store (and so on every page and export) and in the simulated Plivo's records. <c>true</c> keeps everything;
/// <c>false</c> keeps neither the text nor the number in clear; <c>number_only</c> keeps the number and drops the
/// text; <c>content_only</c> keeps the text and masks the number — as Plivo documents them (docs/plivo/send-message.md,
/// <c>log</c>).
/// </summary>
public static class LogPrivacy
{
    public static bool KeepsText(string? log) => log?.Trim().ToLowerInvariant() is not ("false" or "number_only");

    public static bool KeepsNumber(string? log) => log?.Trim().ToLowerInvariant() is not ("false" or "content_only");

    /// <summary>The number as it may be kept under <paramref name="log"/>: as is, or masked (<see cref="MaskNumber"/>).</summary>
    public static string Number(string number, string? log) => KeepsNumber(log) ? number : MaskNumber(number);

    /// <summary>Masks the middle of a number as Plivo does partially: <c>14155550123</c> → <c>14155****23</c>.</summary>
    private static string MaskNumber(string number)
    {
        if (number.Length <= 6)
        {
            return new string('*', number.Length);
        }

        var keepStart = Math.Min(5, number.Length - 4);
        return number[..keepStart] + new string('*', number.Length - keepStart - 2) + number[^2..];
    }

    /// <summary>
    /// The message as it may be stored under its log option, the request we made to Plivo included: content that may
    /// not be kept is left out of it (the text, an interactive message's body and buttons, a template's values; the
    /// template's name and language stay, so the message still says what was sent), a number that may not is masked.
    /// </summary>
    public static OutboundMessage Apply(OutboundMessage message)
    {
        var (keepsText, keepsNumber) = (KeepsText(message.Log), KeepsNumber(message.Log));
        var to = Number(message.To, message.Log);
        return message with
        {
            Text = keepsText ? message.Text : null,
            To = to,
            Request = [.. message.Request
                .Where(p => keepsText || p.Key is not ("text" or "interactive"))
                .Select(p => p.Key switch
                {
                    "dst" when !keepsNumber => KeyValuePair.Create(p.Key, to),
                    "template" when !keepsText => KeyValuePair.Create(p.Key, TemplateWithoutValues(p.Value)),
                    _ => p,
                })],
        };
    }

    /// <summary>Plivo's template object (docs/plivo/whatsapp.md) with only its name and language: its components carry the values.</summary>
    private static string TemplateWithoutValues(string json)
    {
        PlivoTemplate? template;
        try
        {
            template = JsonSerializer.Deserialize<PlivoTemplate>(json, PlivoClient.Json);
        }
        catch (JsonException)
        {
            template = null;
        }

        return JsonSerializer.Serialize((template ?? new PlivoTemplate()) with { Components = null }, PlivoClient.Json);
    }
}
