using Dashboard.Core.Messages;

namespace Dashboard.Core.Sending;

/// <summary>
/// What someone filled in on the compose form (mutable, for form binding). <see cref="SendService"/> checks it
/// and turns it into Plivo's Send Message request; errors are keyed by these property names.
/// </summary>
public sealed class ComposeRequest
{
    /// <summary>One of <see cref="SendService.Senders"/>: a number, or <c>powerpack:{uuid}</c>.</summary>
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
}

/// <summary>A sender the compose form offers: one of our numbers, or a Powerpack (Plivo picks the number).</summary>
public sealed record ComposeSender(string Value, string Label, bool IsPowerpack);

/// <summary>One country's share of a send's estimated cost.</summary>
/// <param name="RatePerUnit">1/100000 USD per unit; null when the type is not offered there (MMS outside US/CA).</param>
public sealed record CostLine(string? CountryIso2, string CountryName, int Messages, int UnitsPerMessage, long? RatePerUnit)
{
    public long Amount => (RatePerUnit ?? 0) * UnitsPerMessage * Messages;
}

/// <summary>The estimated cost of a send, by destination country, from <see cref="RateCard"/>.</summary>
public sealed record CostEstimate(IReadOnlyList<CostLine> Lines)
{
    /// <summary>1/100000 USD.</summary>
    public long Total => Lines.Sum(l => l.Amount);

    public string TotalText => PlivoAmount.Format(Total);

    public static CostEstimate None { get; } = new([]);
}

/// <summary>The live figures of the compose form: destinations, encoding and units, cost.</summary>
/// <param name="Destinations">Valid, normalised, without repeats, in the order given.</param>
/// <param name="InvalidDestinations">Entries that are not international numbers, as typed.</param>
/// <param name="Sms">The text's encoding and units (SMS; for MMS the text's own count).</param>
/// <param name="TextLength">The text's length as typed (UTF-16 units), which MMS and WhatsApp limits count.</param>
/// <param name="TextLimit">The most characters the text may have for this type and encoding.</param>
/// <param name="WhatsAppCategory">WhatsApp: the conversation category the message is billed as.</param>
public sealed record ComposePreview(
    IReadOnlyList<string> Destinations,
    IReadOnlyList<string> InvalidDestinations,
    SmsCount Sms,
    int UnitsPerMessage,
    int TextLength,
    int TextLimit,
    string? WhatsAppCategory,
    CostEstimate Cost);

/// <summary>What became of a send: refused with field errors, or queued with one UUID per destination.</summary>
public sealed record SendOutcome(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Errors,
    IReadOnlyList<SentMessage> Messages,
    IReadOnlyList<string> InvalidNumbers,
    CostEstimate Cost,
    string? ApiId = null)
{
    /// <summary>The key of errors about the whole form rather than one field (e.g. Plivo's own refusal).</summary>
    public const string FormError = "";

    public bool Sent => Messages.Count > 0;

    /// <summary>The outcome of an earlier attempt with the same submission key: nothing was sent this time.</summary>
    public bool Repeated { get; init; }

    /// <summary>Plivo did not answer (a timeout, a lost connection): the message may or may not have been queued.</summary>
    public bool Uncertain { get; init; }
}

/// <summary>A message Plivo queued: its destination and UUID (the timeline page is <c>/messages/{uuid}</c>).</summary>
public sealed record SentMessage(string To, string MessageUuid);
