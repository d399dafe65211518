using System.Globalization;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;

namespace Dashboard.Core.Plivo;

/// <summary>A send parameter Plivo would refuse, named as Plivo names it (<c>dst</c>, <c>text</c>, ...).</summary>
/// <param name="Message">Plivo's own wording, which the simulator answers with.</param>
/// <param name="Plain">The same rule in plain words for a person filling in a form, without parameter names.</param>
public sealed record PlivoParameterError(string Parameter, string Message, string Plain);

/// <summary>
/// Plivo's rules for a Send Message request (docs/plivo/send-message.md), in one place: the simulator answers 400 with
/// them, and the compose form shows them next to its fields before anything is sent.
/// </summary>
public static class PlivoSendRules
{
    /// <summary>MMS attachments per message (media_urls plus media_ids).</summary>
    public const int MaxMediaUrls = 10;

    /// <summary>WhatsApp free-form text.</summary>
    public const int WhatsAppMaxText = 4_096;

    public const int MinMessageExpiry = 5;

    public const int MaxMessageExpiry = 10_799;

    /// <summary>What Plivo uses when no <c>message_expiry</c> is sent: 3 hours.</summary>
    public const int DefaultMessageExpiry = 10_800;

    /// <summary>
    /// Destinations in one request. Plivo documents no limit; this bound keeps the simulator and the compose
    /// form from being handed a whole address book at once.
    /// </summary>
    public const int MaxDestinations = 1_000;

    public static IReadOnlyList<string> LogValues { get; } = ["true", "false", "content_only", "number_only"];

    public static IReadOnlyList<string> DltCategories { get; } = ["transactional", "promotional", "service_implicit", "service_explicit"];

    public static IReadOnlyList<string> InteractiveTypes { get; } = ["button", "list", "cta_url"];

    /// <summary>Splits <c>dst</c> at <c>&lt;</c> and normalises each part as Plivo does (only letters and digits kept).</summary>
    public static IReadOnlyList<string> SplitDestinations(string? dst) =>
        string.IsNullOrWhiteSpace(dst)
            ? []
            : [.. dst.Split('<').Select(Numbering.NormalizeNumber).Where(d => d.Length > 0)];

    /// <summary>An E.164 number without "+": 8 to 15 digits, not starting with 0.</summary>
    public static bool IsValidNumber(string? digits) =>
        digits is { Length: >= 8 and <= 15 } && digits[0] != '0' && digits.All(char.IsAsciiDigit);

    /// <summary>A sender ID: a number of at most 14 digits, or 1 to 11 letters and digits with at least one letter.</summary>
    public static bool IsValidSender(string? src)
    {
        var s = Numbering.NormalizeNumber(src);
        return s.All(char.IsAsciiDigit) ? s.Length is >= 3 and <= 14 : s.Length <= 11;
    }

    /// <summary>Every rule <paramref name="request"/> breaks, in the order Plivo's parameters are documented.</summary>
    public static IReadOnlyList<PlivoParameterError> Validate(PlivoSendRequest request)
    {
        var errors = new List<PlivoParameterError>();
        void Add(string parameter, string message, string plain) => errors.Add(new(parameter, message, plain));

        var hasSrc = !string.IsNullOrWhiteSpace(request.Src);
        var hasPowerpack = !string.IsNullOrWhiteSpace(request.PowerpackUuid);
        if (hasSrc && hasPowerpack)
        {
            Add("src", "Either src or powerpack_uuid should be specified, not both", "Choose a number or a Powerpack to send from, not both.");
        }
        else if (!hasSrc && !hasPowerpack)
        {
            Add("src", "Either src or powerpack_uuid is required", "Choose a number or a Powerpack to send from.");
        }
        else if (hasSrc && !IsValidSender(request.Src))
        {
            Add("src", "src must be a number of at most 14 digits or an alphanumeric sender ID of at most 11 characters",
                "Send from a number of at most 14 digits or a sender ID of at most 11 letters and digits.");
        }

        var destinations = SplitDestinations(request.Dst);
        if (destinations.Count == 0)
        {
            Add("dst", "dst parameter is required", "Enter at least one recipient.");
        }
        else if (destinations.Count > MaxDestinations)
        {
            Add("dst", $"dst cannot have more than {MaxDestinations} destinations", $"Send to at most {N(MaxDestinations)} recipients at once.");
        }
        else if (hasSrc && destinations.Contains(Numbering.NormalizeNumber(request.Src)))
        {
            Add("dst", "src and dst cannot be the same number", "A recipient cannot be the number the message is sent from.");
        }

        if (!PlivoNames.TryParseType(request.Type, out var type))
        {
            Add("type", "type must be one of sms, mms, whatsapp", "Choose SMS, MMS or WhatsApp.");
            return errors;
        }

        ValidateContent(request, type, Add);

        if (!string.IsNullOrWhiteSpace(request.Url) && !IsHttpUrl(request.Url))
        {
            Add("url", "url must be an absolute http or https URL", "The status callback must be a web address (http or https).");
        }

        if (!string.IsNullOrWhiteSpace(request.Method) && request.Method.Trim().ToUpperInvariant() is not ("GET" or "POST"))
        {
            Add("method", "method must be GET or POST", "The status callback method must be GET or POST.");
        }

        if (request.MessageExpiry is { } expiry && expiry is < MinMessageExpiry or > MaxMessageExpiry)
        {
            Add("message_expiry", string.Create(CultureInfo.InvariantCulture, $"message_expiry must be between {MinMessageExpiry} and {MaxMessageExpiry} seconds"),
                string.Create(CultureInfo.InvariantCulture, $"Enter a queue expiry from {MinMessageExpiry} to {N(MaxMessageExpiry)} seconds, or leave it empty for 3 hours."));
        }

        if (request.Log is { } log && !LogValues.Contains(log.Trim().ToLowerInvariant()))
        {
            Add("log", "log must be one of true, false, content_only, number_only", "Choose how Plivo logs the message: true, false, content_only or number_only.");
        }

        if (!string.IsNullOrWhiteSpace(request.DltTemplateCategory) && !DltCategories.Contains(request.DltTemplateCategory.Trim().ToLowerInvariant()))
        {
            Add("dlt_template_category", "dlt_template_category must be one of transactional, promotional, service_implicit, service_explicit",
                "Choose a DLT category: transactional, promotional, service_implicit or service_explicit.");
        }

        return errors;
    }

    private static void ValidateContent(PlivoSendRequest r, MessageType type, Action<string, string, string> add)
    {
        var media = (r.MediaUrls?.Count ?? 0) + (r.MediaIds?.Count ?? 0);
        var hasText = !string.IsNullOrEmpty(r.Text);
        if (type != MessageType.WhatsApp)
        {
            foreach (var (value, name) in new (object?, string)[] { (r.Template, "template"), (r.Interactive, "interactive"), (r.Location, "location") })
            {
                if (value is not null)
                {
                    add(name, $"{name} is only allowed when type is whatsapp", $"A {name} can only be sent on WhatsApp.");
                }
            }
        }

        switch (type)
        {
            case MessageType.Sms:
                if (!hasText)
                {
                    add("text", "text parameter is required for sms", "Enter a message.");
                }
                else if (SmsEncoding.Count(r.Text) is { TooLong: true } count)
                {
                    if (count.Encoding == SmsEncodingKind.Ucs2)
                    {
                        add("text", $"text parameter length exceeds {SmsEncoding.Ucs2MaxCharacters} unicode characters",
                            $"The message is too long: at most {SmsEncoding.Ucs2MaxCharacters} UCS-2 characters (it has a character outside GSM-7).");
                    }
                    else
                    {
                        add("text", $"text parameter length exceeds {SmsEncoding.Gsm7MaxCharacters} characters",
                            $"The message is too long: at most {N(SmsEncoding.Gsm7MaxCharacters)} GSM-7 characters.");
                    }
                }

                if (media > 0)
                {
                    add("media_urls", "media_urls is only allowed when type is mms or whatsapp", "Media can only be sent as MMS or WhatsApp.");
                }

                break;

            case MessageType.Mms:
                if (media == 0)
                {
                    add("media_urls", "media_urls or media_ids is required for mms", "Choose media: an MMS carries at least one media URL.");
                }
                else if (media > MaxMediaUrls)
                {
                    add("media_urls", $"media_urls cannot have more than {MaxMediaUrls} items", $"An MMS carries at most {MaxMediaUrls} media URLs.");
                }

                if (hasText && SmsEncoding.Count(r.Text) is { TooLong: true })
                {
                    add("text", $"text parameter length exceeds {SmsEncoding.Gsm7MaxCharacters} characters",
                        $"The message is too long: at most {N(SmsEncoding.Gsm7MaxCharacters)} characters.");
                }

                break;

            case MessageType.WhatsApp:
                ValidateWhatsApp(r, media, hasText, add);
                break;
        }

        foreach (var url in r.MediaUrls ?? [])
        {
            if (!IsHttpUrl(url))
            {
                add("media_urls", $"media_urls contains an invalid URL: {url}", $"'{url}' is not a web address (http or https).");
                break;
            }
        }
    }

    private static void ValidateWhatsApp(PlivoSendRequest r, int media, bool hasText, Action<string, string, string> add)
    {
        var kinds = (r.Template is null ? 0 : 1) + (r.Interactive is null ? 0 : 1) + (r.Location is null ? 0 : 1);
        if (kinds > 1)
        {
            add("template", "only one of template, interactive and location may be sent", "Send a template, an interactive message or a location, not several.");
        }

        if (!hasText && media == 0 && kinds == 0)
        {
            add("text", "text, media_urls, template, interactive or location is required for whatsapp", "Enter a message or choose media (or a template).");
        }

        if (hasText && r.Text!.Length > WhatsAppMaxText)
        {
            add("text", $"text parameter length exceeds {WhatsAppMaxText} characters", $"The message is too long: WhatsApp takes at most {N(WhatsAppMaxText)} characters.");
        }

        if (media > 1)
        {
            add("media_urls", "whatsapp accepts a single media URL", "WhatsApp takes one media URL.");
        }

        if (r.Template is { } template)
        {
            if (string.IsNullOrWhiteSpace(template.Name))
            {
                add("template", "template.name is required", "Enter the template's name.");
            }

            if (string.IsNullOrWhiteSpace(template.Language))
            {
                add("template", "template.language is required", "Enter the template's language (e.g. en).");
            }
        }

        if (r.Interactive is { } interactive)
        {
            if (!InteractiveTypes.Contains(interactive.Type?.Trim().ToLowerInvariant() ?? ""))
            {
                add("interactive", "interactive.type must be one of button, list, cta_url", "An interactive message is a button, list or cta_url message.");
            }

            if (string.IsNullOrWhiteSpace(interactive.Body?.Text))
            {
                add("interactive", "interactive.body.text is required", "Enter the interactive message's text.");
            }

            if (interactive.Action is null || ((interactive.Action.Buttons?.Count ?? 0) + (interactive.Action.Sections?.Count ?? 0)) == 0)
            {
                add("interactive", "interactive.action needs buttons or sections", "Give the interactive message buttons or sections.");
            }
        }

        if (r.Location is { } location
            && (location.Latitude is not (>= -90 and <= 90) || location.Longitude is not (>= -180 and <= 180)))
        {
            add("location", "location needs a latitude between -90 and 90 and a longitude between -180 and 180", "A location needs a latitude from -90 to 90 and a longitude from -180 to 180.");
        }
    }

    /// <summary>A count for the plain wording: "1,600".</summary>
    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
}
