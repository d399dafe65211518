using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;

namespace Dashboard.Core.Sending;

/// <summary>
/// One send, typed: who from, to whom, what, and how. The compose form (<see cref="ComposeRequest.ToCommand"/>), the
/// inbox reply and the demo traffic each build one; <see cref="SendService"/> checks, estimates and sends it.
/// </summary>
public sealed record SendCommand
{
    /// <summary>Null when no sender was chosen (the rules say so).</summary>
    public SendSender? From { get; init; }

    public SendDestinations To { get; init; } = SendDestinations.None;

    public MessageType Type { get; init; } = MessageType.Sms;

    public SendContent Content { get; init; } = new();

    /// <summary>Seconds the message may wait in Plivo's queue; null for Plivo's default (3 hours).</summary>
    public int? ExpirySeconds { get; init; }

    /// <summary>Plivo's <c>log</c> as given: true, false, content_only or number_only (<see cref="LogPrivacy"/>).</summary>
    public string? Log { get; init; } = "true";

    public bool Trackable { get; init; }

    public string? DltEntityId { get; init; }

    public string? DltTemplateId { get; init; }

    public string? DltTemplateCategory { get; init; }

    /// <summary>The form submission this send is (see <see cref="SendSubmissions"/>); null sends without that guard.</summary>
    public string? SubmissionKey { get; init; }

    /// <summary>What it amounts to for the customer-service window: a template, or free-form content.</summary>
    public ReplyKind Kind => Content.Template is null ? ReplyKind.Text : ReplyKind.Template;

    /// <summary>Plivo's Send Message request for it, without our callback URL (the send service adds that).</summary>
    public PlivoSendRequest ToPlivoRequest()
    {
        var parameters = Content.Template?.Parameters.Select(p => p.Trim()).Where(p => p.Length > 0).ToList() ?? [];
        return new PlivoSendRequest
        {
            Src = From?.Number,
            PowerpackUuid = From?.PowerpackUuid,
            Dst = string.Join('<', To.Valid),
            Type = PlivoNames.Of(Type),
            Text = string.IsNullOrEmpty(Content.Text) ? null : Content.Text,
            MediaUrls = Content.MediaUrls.Count == 0 ? null : Content.MediaUrls,
            Template = Content.Template is not { } template ? null : new PlivoTemplate
            {
                Name = template.Name.Trim(),
                Language = string.IsNullOrWhiteSpace(template.Language) ? null : template.Language.Trim(),
                Components = parameters.Count == 0 ? null :
                [
                    new PlivoTemplateComponent
                    {
                        Type = "body",
                        Parameters = [.. parameters.Select(p => new PlivoTemplateParameter { Type = "text", Text = p })],
                    },
                ],
            },
            MessageExpiry = ExpirySeconds,
            Log = string.IsNullOrWhiteSpace(Log) ? null : Log.Trim().ToLowerInvariant(),
            Trackable = Trackable ? true : null,
            DltEntityId = NullIfBlank(DltEntityId),
            DltTemplateId = NullIfBlank(DltTemplateId),
            DltTemplateCategory = NullIfBlank(DltTemplateCategory)?.ToLowerInvariant(),
        };
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Who a message goes from: one of our numbers, or a Powerpack, which picks one of its numbers itself.</summary>
public sealed record SendSender
{
    private SendSender(string? number, string? powerpackUuid) => (Number, PowerpackUuid) = (number, powerpackUuid);

    /// <summary>Our number (or sender ID), normalised; null for a Powerpack.</summary>
    public string? Number { get; }

    public string? PowerpackUuid { get; }

    public bool IsPowerpack => PowerpackUuid is not null;

    public static SendSender FromNumber(string number) => new(Numbering.NormalizeNumber(number), null);

    public static SendSender FromPowerpack(string powerpackUuid) => new(null, powerpackUuid);
}

/// <summary>Where a message goes: each valid number gets its own message; entries that are not numbers are refused.</summary>
/// <param name="Valid">Normalised, without repeats, in the order given.</param>
/// <param name="Invalid">Entries that are not international numbers, as typed.</param>
public sealed record SendDestinations(IReadOnlyList<string> Valid, IReadOnlyList<string> Invalid)
{
    private static readonly char[] Separators = ['\n', '\r', ',', ';', '<'];

    public static SendDestinations None { get; } = new([], []);

    /// <summary>Splits a list of numbers (separated by new lines, commas, semicolons or <c>&lt;</c>) into valid and invalid entries.</summary>
    public static SendDestinations Parse(string? text)
    {
        var valid = new List<string>();
        var invalid = new List<string>();
        foreach (var raw in (text ?? "").Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var digits = Numbering.NormalizeNumber(raw);
            if (!PlivoSendRules.IsValidNumber(digits) || raw.Any(char.IsAsciiLetter))
            {
                invalid.Add(raw);
            }
            else if (!valid.Contains(digits))
            {
                valid.Add(digits);
            }
        }

        return new(valid, invalid);
    }
}

/// <summary>What a message says: text (SMS, MMS, free-form WhatsApp), media (MMS, WhatsApp) and a WhatsApp template.</summary>
public sealed record SendContent
{
    public string? Text { get; init; }

    public IReadOnlyList<string> MediaUrls { get; init; } = [];

    /// <summary>An approved WhatsApp template: what may go outside the customer-service window.</summary>
    public ReplyTemplate? Template { get; init; }
}
