using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Webhooks;

/// <summary>
/// Turns the key/value pairs of a Plivo webhook (form body or query string) into typed records, accepting exactly what
/// Plivo sends (docs/plivo/callbacks.md: the fields, their lengths and values, and why) and naming every field that is
/// not. It takes plain pairs, not an HTTP request, so it is testable without a server. Empty values count as absent,
/// as Plivo sends empty strings for attributes that do not apply.
/// </summary>
public static partial class WebhookParser
{
    /// <summary>Longest message text (<c>Text</c>, <c>Body</c>): twice WhatsApp's 4,096 characters, five times SMS's 1,600.</summary>
    public const int MaxTextLength = 8192;

    /// <summary>Longest <c>To</c>/<c>From</c>: an E.164 number is at most 15 digits, an alphanumeric sender 11 characters.</summary>
    public const int MaxNumberLength = 20;

    /// <summary>Most units in one message: a concatenated SMS has at most 255 parts (the UDH's part count is one byte).</summary>
    public const int MaxUnits = 255;

    /// <summary>The highest rate per unit we take, 100.00000 in 1/100000 units (docs/plivo/amounts.md).</summary>
    public const long MaxRate = 100 * PlivoAmount.Scale;

    /// <summary>The highest amount for one message: <see cref="MaxRate"/> × <see cref="MaxUnits"/> (docs/plivo/amounts.md).</summary>
    public const long MaxAmount = MaxRate * MaxUnits;

    /// <summary>How old a callback's times may be: a delivery report can come days late, and Plivo keeps records 90 days.</summary>
    public static readonly TimeSpan MaxTimeAge = TimeSpan.FromDays(90);

    /// <summary>How far ahead a callback's times may be: clock skew, and a WhatsApp conversation's expiry (24 h after it starts).</summary>
    public static readonly TimeSpan MaxTimeAhead = TimeSpan.FromDays(2);

    /// <summary>The statuses a status callback carries (seed 000); <c>received</c> is an inbound message's state, not a callback's.</summary>
    private static readonly MessageState[] CallbackStates =
        [MessageState.Queued, MessageState.Sent, MessageState.Failed, MessageState.Delivered, MessageState.Undelivered, MessageState.Read];

    /// <param name="nowUtc">The time the callback arrived, to check its times against.</param>
    public static WebhookParseResult<StatusCallback> ParseStatus(IReadOnlyList<KeyValuePair<string, string>> parameters, DateTime nowUtc)
    {
        var r = new FieldReader(parameters, nowUtc);
        var uuid = r.Uuid("MessageUUID", required: true);
        var status = r.Required<MessageState>("Status", TryParseCallbackState, "queued, sent, failed, delivered, undelivered or read");
        var type = r.Optional<MessageType>("Type", PlivoNames.TryParseType, "sms, mms or whatsapp") ?? MessageType.Sms;
        var callback = new StatusCallback
        {
            MessageUuid = uuid ?? "",
            To = r.Text("To", MaxNumberLength) ?? "",
            From = r.Text("From", MaxNumberLength) ?? "",
            Type = type,
            Status = status ?? default,
            ConversationExpiresAt = r.Time("ConversationExpirationTimestamp", TryParseExpiry, "a Unix timestamp"),
            ConversationOrigin = r.Word("ConversationOrigin"),
            PlivoConversationId = r.Text("ConversationID", 64),
            Units = r.Units(),
            TotalRate = r.Amount("TotalRate", MaxRate),
            TotalAmount = r.Amount("TotalAmount", MaxAmount),
            Mcc = r.Digits("MCC", 3, 3),
            Mnc = r.Digits("MNC", 1, 3),
            ErrorCode = r.Text("ErrorCode", 8),
            ParentMessageUuid = r.Uuid("ParentMessageUUID", required: false),
            PartInfo = r.Text("PartInfo", 32),
            Sequence = r.Int("Sequence"),
            MessageTime = r.Time("MessageTime"),
            QueuedTime = r.Time("QueuedTime"),
            SentTime = r.Time("SentTime"),
            DeliveryReportTime = r.Time("DeliveryReportTime"),
            RequesterIp = r.Text("requester_ip", 45),
            PowerpackUuid = r.Uuid("PowerpackUUID", required: false),
            Raw = parameters,
        };
        return r.Result(callback);
    }

    /// <param name="nowUtc">The time the webhook arrived.</param>
    public static WebhookParseResult<InboundMessage> ParseInbound(IReadOnlyList<KeyValuePair<string, string>> parameters, DateTime nowUtc)
    {
        var r = new FieldReader(parameters, nowUtc);
        var uuid = r.Uuid("MessageUUID", required: true);
        var from = r.RequiredText("From", MaxNumberLength);
        var to = r.RequiredText("To", MaxNumberLength);
        var type = r.Optional<MessageType>("Type", PlivoNames.TryParseType, "sms, mms or whatsapp") ?? MessageType.Sms;
        var (contextUuid, _) = r.Json("Context", "MessageUUID", null, 1024);
        if (contextUuid is not null && !IsCanonicalUuid(contextUuid))
        {
            r.Error("Context", $"MessageUUID '{Truncate(contextUuid)}' is not a message UUID (lower-case, hyphenated)");
            contextUuid = null;
        }

        var (buttonText, buttonPayload) = r.Json("Button", "Text", "Payload", 2048);
        var media = new List<InboundMedia>();
        foreach (var (key, value) in parameters)
        {
            var match = MediaKey().Match(key);
            if (match.Success && !string.IsNullOrWhiteSpace(value))
            {
                if (MediaLinks.IsSafe(value.Trim()))
                {
                    media.Add(new InboundMedia(int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), value.Trim()));
                }
                else
                {
                    r.Error(key, $"'{Truncate(value)}' is not an http(s) URL of at most {MediaLinks.MaxLength} characters");
                }
            }
        }

        var message = new InboundMessage
        {
            MessageUuid = uuid ?? "",
            From = from ?? "",
            To = to ?? "",
            Text = r.Text("Text", MaxTextLength) ?? r.Text("Body", MaxTextLength),
            Type = type,
            Units = r.Units(),
            TotalRate = r.Amount("TotalRate", MaxRate),
            TotalAmount = r.Amount("TotalAmount", MaxAmount),
            ContentType = r.Word("ContentType"),
            MimeType = r.Text("MimeType", 128),
            ErrorCode = r.Text("ErrorCode", 8),
            ContextMessageUuid = contextUuid,
            ButtonText = buttonText,
            ButtonPayload = buttonPayload,
            MessageIntent = r.Checked("MessageIntent", text => text.ToLowerInvariant() is "optout" or "optin" or "help", "optout, optin or help")
                ?.ToLowerInvariant(),
            PowerpackUuid = r.Uuid("PowerpackUUID", required: false),
            MediaCount = r.Int("MediaCount", 0, 100) ?? media.Count,
            Media = [.. media.OrderBy(m => m.Index)],
            Raw = parameters,
        };
        return r.Result(message);
    }

    /// <summary>
    /// Plivo's message UUIDs as it writes them: 36 characters, lower-case hex, hyphenated 8-4-4-4-12, not all zeros.
    /// One spelling only, so one message is never stored twice under two spellings of its UUID.
    /// </summary>
    public static bool IsCanonicalUuid(string text) =>
        CanonicalUuid().IsMatch(text) && text != "00000000-0000-0000-0000-000000000000";

    private static bool TryParseCallbackState(string text, out MessageState state) =>
        PlivoNames.TryParseState(text, out state) && CallbackStates.Contains(state);

    /// <summary>Plivo sends a Unix timestamp; the MDR's <c>conversation_expiry_time</c> is a date-time. Accept both.</summary>
    private static bool TryParseExpiry(string text, out DateTime utc) =>
        PlivoTime.TryParseUnix(text, out utc) || PlivoTime.TryParse(text, out utc);

    [GeneratedRegex(@"^Media(\d{1,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex MediaKey();

    private delegate bool TryParser<T>(string text, out T value);

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex CanonicalUuid();

    [GeneratedRegex("^[a-z_]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex WordValue();

    /// <summary>Reads fields by name (first occurrence wins) and collects every problem, not just the first.</summary>
    private sealed class FieldReader(IReadOnlyList<KeyValuePair<string, string>> parameters, DateTime nowUtc)
    {
        private readonly List<WebhookFieldError> _errors = [];

        public WebhookParseResult<T> Result<T>(T value)
            where T : class => _errors.Count == 0 ? new(value, []) : new(null, _errors);

        public void Error(string name, string problem) => _errors.Add(new(name, problem));

        public string? Text(string name, int maxLength)
        {
            foreach (var (key, value) in parameters)
            {
                if (string.Equals(key, name, StringComparison.Ordinal))
                {
                    var text = string.IsNullOrWhiteSpace(value) || value == "null" ? null : value.Trim();
                    if (text?.Length > maxLength)
                    {
                        Error(name, $"is longer than {maxLength:N0} characters");
                        return null;
                    }

                    return text;
                }
            }

            return null;
        }

        public string? RequiredText(string name, int maxLength)
        {
            var text = Text(name, maxLength);
            if (text is null && !_errors.Exists(e => e.Field == name))
            {
                Error(name, "is required");
            }

            return text;
        }

        public string? Uuid(string name, bool required)
        {
            var text = required ? RequiredText(name, 64) : Text(name, 64);
            if (text is not null && !IsCanonicalUuid(text))
            {
                Error(name, $"'{Truncate(text)}' is not a message UUID (36 characters, lower-case, hyphenated, not all zeros)");
                return null;
            }

            return text;
        }

        /// <summary>A lower-case word such as <c>utility</c> (a value Plivo may add to, so the known ones are not a closed list).</summary>
        public string? Word(string name) => Checked(name, WordValue().IsMatch, "a lower-case word of at most 32 letters");

        public string? Digits(string name, int minLength, int maxLength) =>
            Checked(name, text => text.Length >= minLength && text.Length <= maxLength && text.All(char.IsAsciiDigit),
                minLength == maxLength ? $"{minLength} digits" : $"{minLength} to {maxLength} digits");

        public T? Required<T>(string name, TryParser<T> parse, string expected)
            where T : struct
        {
            if (Text(name, 64) is null)
            {
                Error(name, $"is required ({expected})");
                return null;
            }

            return Optional(name, parse, expected);
        }

        public T? Optional<T>(string name, TryParser<T> parse, string expected)
            where T : struct
        {
            var text = Text(name, 64);
            if (text is null)
            {
                return null;
            }

            if (parse(text, out var value))
            {
                return value;
            }

            Error(name, $"'{Truncate(text)}' is not valid: expected {expected}");
            return null;
        }

        /// <summary>A text field that must pass <paramref name="valid"/>.</summary>
        public string? Checked(string name, Func<string, bool> valid, string expected)
        {
            var text = Text(name, 64);
            if (text is null || valid(text))
            {
                return text;
            }

            Error(name, $"'{Truncate(text)}' is not valid: expected {expected}");
            return null;
        }

        public int? Int(string name, int min = 0, int max = int.MaxValue) =>
            Optional<int>(name, (string text, out int value) => TryParseNonNegativeInt(text, out value) && value >= min && value <= max,
                max == int.MaxValue ? "a whole number" : $"a whole number from {min} to {max}");

        public int? Units() => Int("Units", 0, MaxUnits);

        public long? Amount(string name, long max) => Optional<long>(name, (string text, out long units) =>
            PlivoAmount.TryParse(text, out units) && units >= 0 && units <= max,
            $"a decimal amount from 0 to {PlivoAmount.Format(max)}, such as 0.00650");

        public DateTime? Time(string name) => Time(name, PlivoTime.TryParse, "a time as YYYY-MM-DD HH:MM:SS.ffffff");

        /// <summary>A time, which must also lie within <see cref="MaxTimeAge"/> before and <see cref="MaxTimeAhead"/> after now.</summary>
        public DateTime? Time(string name, TryParser<DateTime> parse, string expected)
        {
            var time = Optional(name, parse, expected);
            if (time is { } t && (t < nowUtc - MaxTimeAge || t > nowUtc + MaxTimeAhead))
            {
                Error(name, $"{PlivoTime.FormatCallback(t)} is not within {MaxTimeAge.TotalDays:0} days before and {MaxTimeAhead.TotalDays:0} days after now");
                return null;
            }

            return time;
        }

        /// <summary>Reads one or two string properties of a JSON object field (WhatsApp's Context and Button).</summary>
        public (string? First, string? Second) Json(string name, string first, string? second, int maxLength)
        {
            var text = Text(name, maxLength);
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

            Error(name, "is not a JSON object");
            return (null, null);
        }

        private static string? Property(JsonElement element, string name) =>
            element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } p
                ? p.Value.GetString()
                : null;

        private static bool TryParseNonNegativeInt(string text, out int value) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
