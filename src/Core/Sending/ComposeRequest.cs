using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Sending;

/// <summary>
/// What someone filled in on the compose form (mutable, for form binding), as text; <see cref="ToCommand"/> makes it
/// the typed send. <see cref="SendService"/>'s errors are keyed by these property names.
/// </summary>
public sealed class ComposeRequest
{
    /// <summary>One of <see cref="SendService.Senders"/>: a number, or <c>powerpack:{uuid}</c> (<see cref="ComposeSender.PowerpackPrefix"/>).</summary>
    public string? Sender { get; set; }

    /// <summary>One or more numbers, separated by new lines, commas, semicolons or <c>&lt;</c>.</summary>
    public string? Destinations { get; set; }

    public MessageType Type { get; set; } = MessageType.Sms;

    public string? Text { get; set; }

    /// <summary>MMS (up to 10) or WhatsApp (one) media URLs, one a line.</summary>
    public string? MediaUrls { get; set; }

    /// <summary>An approved WhatsApp template's name; empty for a free-form WhatsApp message.</summary>
    public string? TemplateName { get; set; }

    public string? TemplateLanguage { get; set; } = "en";

    /// <summary>The template's body placeholders ({{1}}, {{2}}, ...), one a line.</summary>
    public string? TemplateParameters { get; set; }

    /// <summary>Seconds the message may wait in Plivo's queue; empty for Plivo's default (3 hours).</summary>
    public int? ExpirySeconds { get; set; }

    /// <summary>Plivo's <c>log</c>: true, false, content_only or number_only.</summary>
    public string Log { get; set; } = "true";

    public bool Trackable { get; set; }

    public string? DltEntityId { get; set; }

    public string? DltTemplateId { get; set; }

    public string? DltTemplateCategory { get; set; }

    /// <summary>
    /// The form submission this request is (see <see cref="SendSubmissions"/>): made when the form is shown or reset,
    /// so sending it twice sends once. Null sends without that guard (the demo traffic).
    /// </summary>
    public string? SubmissionKey { get; set; }

    /// <summary>The send this form amounts to. Never throws: what is wrong in it is for the rules to say.</summary>
    public SendCommand ToCommand()
    {
        var sender = Sender?.Trim();
        return new SendCommand
        {
            From = string.IsNullOrEmpty(sender) ? null
                : sender.StartsWith(ComposeSender.PowerpackPrefix, StringComparison.Ordinal) ? SendSender.FromPowerpack(sender[ComposeSender.PowerpackPrefix.Length..])
                : SendSender.FromNumber(sender),
            To = SendDestinations.Parse(Destinations),
            Type = Type,
            Content = new SendContent
            {
                Text = Text,
                // The form hides the media field for SMS; what was typed there before switching is not part of an SMS.
                MediaUrls = Type == MessageType.Sms ? [] : Lines(MediaUrls),
                Template = Type == MessageType.WhatsApp && !string.IsNullOrWhiteSpace(TemplateName)
                    ? new ReplyTemplate { Name = TemplateName.Trim(), Language = TemplateLanguage ?? "", Parameters = Lines(TemplateParameters) }
                    : null,
            },
            ExpirySeconds = ExpirySeconds,
            Log = Log,
            Trackable = Trackable,
            DltEntityId = DltEntityId,
            DltTemplateId = DltTemplateId,
            DltTemplateCategory = DltTemplateCategory,
            SubmissionKey = SubmissionKey,
        };
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split(['\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}

/// <summary>A sender the compose form offers: one of our numbers, or a Powerpack (Plivo picks the number).</summary>
/// <param name="Value">The number, or <see cref="PowerpackPrefix"/> and the Powerpack's UUID.</param>
public sealed record ComposeSender(string Value, string Label, bool IsPowerpack)
{
    public const string PowerpackPrefix = "powerpack:";
}
