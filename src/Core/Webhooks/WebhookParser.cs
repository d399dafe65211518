using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Webhooks;

/// <summary>
/// Turns the key/value pairs of a Plivo webhook (form body or query string) into typed records. It takes
/// plain pairs, not an HTTP request, so it is testable without a server. Empty values count as absent,
/// as Plivo sends empty strings for attributes that do not apply.
/// </summary>
public static partial class WebhookParser
{
    /// <summary>Longest text we accept in one field: WhatsApp allows 4,096 characters, SMS 1,600.</summary>
    public const int MaxFieldLength = 8192;

    public static WebhookParseResult<StatusCallback> ParseStatus(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var r = new FieldReader(parameters);
        var uuid = r.Uuid("MessageUUID");
        var status = r.Required<MessageState>("Status", PlivoNames.TryParseState, "queued, sent, delivered, undelivered, failed or read");
        var type = r.Optional<MessageType>("Type", PlivoNames.TryParseType, "sms, mms or whatsapp") ?? MessageType.Sms;
        var callback = new StatusCallback
        {
            MessageUuid = uuid ?? "",
            To = r.Text("To") ?? "",
            From = r.Text("From") ?? "",
            Type = type,
            Status = status ?? default,
            ConversationExpiresAt = r.Optional<DateTime>("ConversationExpirationTimestamp", TryParseExpiry, "a Unix timestamp"),
            ConversationOrigin = r.Text("ConversationOrigin"),
            ConversationId = r.Text("ConversationID"),
            Units = r.Int("Units"),
            TotalRate = r.Amount("TotalRate"),
            TotalAmount = r.Amount("TotalAmount"),
            Mcc = r.Text("MCC"),
            Mnc = r.Text("MNC"),
            ErrorCode = r.Text("ErrorCode"),
            ParentMessageUuid = r.Text("ParentMessageUUID"),
            PartInfo = r.Text("PartInfo"),
            Sequence = r.Int("Sequence"),
            MessageTime = r.Time("MessageTime"),
            QueuedTime = r.Time("QueuedTime"),
            SentTime = r.Time("SentTime"),
            DeliveryReportTime = r.Time("DeliveryReportTime"),
            RequesterIp = r.Text("requester_ip"),
            PowerpackUuid = r.Text("PowerpackUUID"),
            Raw = parameters,
        };
        return r.Result(callback);
    }

    public static WebhookParseResult<InboundMessage> ParseInbound(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var r = new FieldReader(parameters);
        var uuid = r.Uuid("MessageUUID");
        var from = r.RequiredText("From");
        var to = r.RequiredText("To");
        var type = r.Optional<MessageType>("Type", PlivoNames.TryParseType, "sms, mms or whatsapp") ?? MessageType.Sms;
        var (contextUuid, _) = r.Json("Context", "MessageUUID", null);
        var (buttonText, buttonPayload) = r.Json("Button", "Text", "Payload");
        var media = new List<InboundMedia>();
        foreach (var (key, value) in parameters)
        {
            var match = MediaKey().Match(key);
            if (match.Success && !string.IsNullOrWhiteSpace(value))
            {
                media.Add(new InboundMedia(int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), value.Trim()));
            }
        }

        var message = new InboundMessage
        {
            MessageUuid = uuid ?? "",
            From = from ?? "",
            To = to ?? "",
            Text = r.Text("Text") ?? r.Text("Body"),
            Type = type,
            Units = r.Int("Units"),
            TotalRate = r.Amount("TotalRate"),
            TotalAmount = r.Amount("TotalAmount"),
            ContentType = r.Text("ContentType"),
            MimeType = r.Text("MimeType"),
            ErrorCode = r.Text("ErrorCode"),
            ContextMessageUuid = contextUuid,
            ButtonText = buttonText,
            ButtonPayload = buttonPayload,
            MessageIntent = r.Text("MessageIntent")?.ToLowerInvariant(),
            PowerpackUuid = r.Text("PowerpackUUID"),
            MediaCount = r.Int("MediaCount") ?? media.Count,
            Media = [.. media.OrderBy(m => m.Index)],
            Raw = parameters,
        };
        return r.Result(message);
    }

    /// <summary>Plivo sends a Unix timestamp; the MDR's <c>conversation_expiry_time</c> is a date-time. Accept both.</summary>
    private static bool TryParseExpiry(string text, out DateTime utc) =>
        PlivoTime.TryParseUnix(text, out utc) || PlivoTime.TryParse(text, out utc);

    [GeneratedRegex(@"^Media(\d{1,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex MediaKey();

    private delegate bool TryParser<T>(string text, out T value);

    /// <summary>Reads fields by name (first occurrence wins) and collects every problem, not just the first.</summary>
    private sealed class FieldReader(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        private readonly List<WebhookFieldError> _errors = [];

        public WebhookParseResult<T> Result<T>(T value)
            where T : class => _errors.Count == 0 ? new(value, []) : new(null, _errors);

        public string? Text(string name)
        {
            foreach (var (key, value) in parameters)
            {
                if (string.Equals(key, name, StringComparison.Ordinal))
                {
                    if (value.Length > MaxFieldLength)
                    {
                        _errors.Add(new(name, $"is longer than {MaxFieldLength} characters"));
                        return null;
                    }

                    return string.IsNullOrWhiteSpace(value) || value == "null" ? null : value.Trim();
                }
            }

            return null;
        }

        public string? RequiredText(string name)
        {
            var text = Text(name);
            if (text is null)
            {
                _errors.Add(new(name, "is required"));
            }

            return text;
        }

        public string? Uuid(string name)
        {
            var text = RequiredText(name);
            if (text is not null && !Guid.TryParse(text, out _))
            {
                _errors.Add(new(name, $"'{Truncate(text)}' is not a message UUID"));
                return null;
            }

            return text?.ToLowerInvariant();
        }

        public T? Required<T>(string name, TryParser<T> parse, string expected)
            where T : struct
        {
            if (Text(name) is null)
            {
                _errors.Add(new(name, $"is required ({expected})"));
                return null;
            }

            return Optional(name, parse, expected);
        }

        public T? Optional<T>(string name, TryParser<T> parse, string expected)
            where T : struct
        {
            var text = Text(name);
            if (text is null)
            {
                return null;
            }

            if (parse(text, out var value))
            {
                return value;
            }

            _errors.Add(new(name, $"'{Truncate(text)}' is not valid: expected {expected}"));
            return null;
        }

        public int? Int(string name) => Optional<int>(name, TryParseNonNegativeInt, "a whole number");

        public long? Amount(string name) => Optional<long>(name, PlivoAmount.TryParse, "a decimal amount such as 0.00650");

        public DateTime? Time(string name) => Optional<DateTime>(name, PlivoTime.TryParse, "a time as YYYY-MM-DD HH:MM:SS.ffffff");

        /// <summary>Reads one or two string properties of a JSON object field (WhatsApp's Context and Button).</summary>
        public (string? First, string? Second) Json(string name, string first, string? second)
        {
            var text = Text(name);
            if (text is null)
            {
                return (null, null);
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return (Property(document.RootElement, first), second is null ? null : Property(document.RootElement, second));
                }
            }
            catch (JsonException)
            {
                // Reported below.
            }

            _errors.Add(new(name, "is not a JSON object"));
            return (null, null);
        }

        private static string? Property(JsonElement element, string name) =>
            element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } p
                ? p.Value.GetString()
                : null;

        private static bool TryParseNonNegativeInt(string text, out int value) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

        private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
    }
}
