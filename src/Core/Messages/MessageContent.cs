using System.Text.Json;
using Dashboard.Core.Plivo;

namespace Dashboard.Core.Messages;

/// <summary>A WhatsApp template message as we sent it: the approved template's name, its language, the values of its body placeholders.</summary>
/// <param name="Parameters">The values of {{1}}, {{2}}, … in order; empty when the send's log option does not keep content.</param>
public sealed record SentTemplate(string Name, string? Language, IReadOnlyList<string> Parameters)
{
    /// <summary>"Template order_update (en)".</summary>
    public string Label => Language is null ? $"Template {Name}" : $"Template {Name} ({Language})";

    /// <summary>"Template order_update: A-1042, tomorrow", for one-line previews.</summary>
    public string OneLine => Parameters.Count == 0 ? $"Template {Name}" : $"Template {Name}: {string.Join(", ", Parameters)}";
}

/// <summary>
/// What to show as a message's content, in one place for the inbox thread, the inbox list's preview and the message
/// detail page: its text; else, for a WhatsApp template message (Plivo stores no text for it), the template's name and
/// parameters from our send request, kept as the message's first timeline event (<see cref="MessageEventKind.SendAccepted"/>);
/// else its attachments; else what says why there is nothing (<see cref="Missing"/>).
/// </summary>
public static class MessageContent
{
    private const int PreviewLength = 140;

    /// <summary>What a list shows when a message has neither text, template nor attachments.</summary>
    public const string NothingToShow = "(no text)";

    /// <summary>
    /// The template our send request named, from the request's parameters as stored in the timeline (a JSON object of
    /// strings, <c>template</c> holding Plivo's template object); null when there is none or it cannot be read.
    /// </summary>
    /// <param name="log">The send's log option: when it keeps no content (<see cref="LogPrivacy.KeepsText"/>), the parameter values are left out.</param>
    public static SentTemplate? TemplateOf(string? rawParameters, string? log)
    {
        if (string.IsNullOrEmpty(rawParameters) || !rawParameters.Contains("\"template\"", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(rawParameters);
            return document.RootElement.TryGetProperty("template", out var template) && template.ValueKind == JsonValueKind.String
                ? FromPlivoJson(template.GetString(), log)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// True for a message whose content may be a template: outbound WhatsApp with no text (Plivo stores none for a
    /// template message). Only these need their send request read.
    /// </summary>
    public static bool MayBeTemplate(MessageDirection direction, MessageType type, string? text) =>
        direction == MessageDirection.Outbound && type == MessageType.WhatsApp && string.IsNullOrEmpty(text);

    /// <summary>The template a stored message was sent as, from its timeline's send request; null when it has text or was no template.</summary>
    public static SentTemplate? TemplateOf(Message message, IEnumerable<MessageEvent> timeline) =>
        MayBeTemplate(message.Direction, message.Type, message.Text)
            ? TemplateOf(timeline.FirstOrDefault(e => e.Kind == MessageEventKind.SendAccepted)?.RawParameters, message.Log)
            : null;

    /// <summary>The template of a send request being stored (its parameters, <c>template</c> as Plivo's JSON).</summary>
    public static SentTemplate? TemplateOf(IEnumerable<KeyValuePair<string, string>> request, string? log) =>
        request.FirstOrDefault(p => p.Key == "template") is { Value: { } json } ? FromPlivoJson(json, log) : null;

    /// <summary>One line for lists: the text's first line (shortened), the template, the attachments, or null when there is nothing.</summary>
    public static string? Preview(string? text, int mediaCount, SentTemplate? template = null)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            return Shorten(text.Trim().ReplaceLineEndings(" "));
        }

        if (template is not null)
        {
            return Shorten(template.OneLine);
        }

        return mediaCount > 0 ? $"[{mediaCount} attachment{(mediaCount == 1 ? "" : "s")}]" : null;
    }

    /// <summary>What stands where a message's content would be when it has no text, template or attachment, and why.</summary>
    /// <param name="contentType">Inbound: Plivo's content type (e.g. <c>location</c>, <c>reaction</c>).</param>
    /// <param name="log">Outbound: the send's log option.</param>
    public static string Missing(MessageDirection direction, string? contentType, string? log) => direction switch
    {
        MessageDirection.Inbound => contentType is null ? "(no text)" : $"(no text, content type {contentType})",
        _ when !LogPrivacy.KeepsText(log) => $"(text not kept: sent with log={log?.Trim().ToLowerInvariant()})",
        _ => "(no text stored)",
    };

    private static SentTemplate? FromPlivoJson(string? json, string? log)
    {
        PlivoTemplate? template;
        try
        {
            template = string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<PlivoTemplate>(json, PlivoClient.Json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(template?.Name))
        {
            return null;
        }

        IReadOnlyList<string> parameters = !LogPrivacy.KeepsText(log) ? [] :
        [
            .. (template.Components ?? [])
                .Where(c => string.Equals(c.Type, "body", StringComparison.OrdinalIgnoreCase))
                .SelectMany(c => c.Parameters ?? [])
                .Select(p => p.Text ?? p.Payload ?? p.Media ?? "")
        ];
        return new SentTemplate(template.Name, string.IsNullOrWhiteSpace(template.Language) ? null : template.Language, parameters);
    }

    private static string Shorten(string line) => line.Length <= PreviewLength ? line : line[..(PreviewLength - 1)] + "…";
}
