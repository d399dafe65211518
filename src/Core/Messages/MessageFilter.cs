using System.Globalization;
using Dashboard.Core.Reports;
using Dashboard.Core.Webhooks;

namespace Dashboard.Core.Messages;

/// <summary>The order of a message list: by (MessageTime, Id), newest first unless asked otherwise.</summary>
public enum MessageOrder
{
    NewestFirst = 0,
    OldestFirst = 1,
}

/// <summary>
/// The one message-list filter: Plivo's List Messages filters (docs/plivo/send-message.md, "Reading messages"), plus
/// the dashboard's search, order and keyset cursor. The read API, the simulator's list, the message log's query string
/// and form, the CSV export and every link into the log read and write it through <see cref="Parse"/> and
/// <see cref="ToQuery"/>, with the parameter names of <see cref="Names"/>.
/// </summary>
public sealed partial record MessageFilter
{
    public const int MaxApiLimit = 20;

    /// <summary>
    /// Query-parameter names, written here only. Plivo's own for its filters; <c>message_state</c> takes several
    /// states comma-separated (<c>failed,undelivered</c>; a repeated parameter reads the same). <c>q</c>, <c>order</c>,
    /// <c>before</c>/<c>after</c> (keyset cursors <c>{MessageTime ticks}.{Id}</c>), <c>mcc</c>/<c>mnc</c> are ours.
    /// </summary>
    public static class Names
    {
        public const string Search = "q";
        public const string ErrorCode = "error_code";
        public const string Mcc = "mcc";
        public const string Mnc = "mnc";
        public const string Country = "destination_country_iso2";
        public const string Powerpack = "powerpack_id";
        public const string From = "from_number";
        public const string To = "to_number";
        public const string PlivoConversationId = "conversation_id";
        public const string ConversationOrigin = "conversation_origin";
        public const string Silent = "silent";
        public const string Direction = "message_direction";
        public const string Type = "message_type";
        public const string State = "message_state";
        public const string Time = "message_time";
        public const string TimeGt = "message_time__gt";
        public const string TimeGte = "message_time__gte";
        public const string TimeLt = "message_time__lt";
        public const string TimeLte = "message_time__lte";
        public const string Order = "order";
        public const string Before = "before";
        public const string After = "after";
        public const string Limit = "limit";
        public const string Offset = "offset";
    }

    public MessageDirection? Direction { get; init; }

    /// <summary>Any of these states; empty for every state.</summary>
    public IReadOnlyList<MessageState> States { get; init; } = [];

    public MessageType? Type { get; init; }

    public DateTime? TimeGt { get; init; }

    public DateTime? TimeGte { get; init; }

    public DateTime? TimeLt { get; init; }

    public DateTime? TimeLte { get; init; }

    public string? ErrorCode { get; init; }

    public string? PowerpackId { get; init; }

    public string? FromNumber { get; init; }

    public string? ToNumber { get; init; }

    public string? CountryIso2 { get; init; }

    public string? Mcc { get; init; }

    public string? Mnc { get; init; }

    /// <summary>Plivo's WhatsApp conversation id (<c>conversation_id</c>), not our inbox conversation.</summary>
    public string? PlivoConversationId { get; init; }

    public string? ConversationOrigin { get; init; }

    /// <summary>
    /// Only silent messages: outbound, still queued or sent past their silent period, not flagged unknown to Plivo
    /// (<c>silent=true</c>; the rule is <see cref="Reconciliation.SilentMessages"/>'s).
    /// </summary>
    public bool Silent { get; init; }

    /// <summary>A message UUID, digits anywhere in a number (from or to), or words of the text (see <see cref="MessageSearch"/>).</summary>
    public string? Search { get; init; }

    public MessageOrder Order { get; init; }

    public int Limit { get; init; } = MaxApiLimit;

    public int Offset { get; init; }

    /// <summary>Keyset paging, newest first: only messages older than this (MessageTime, Id) position.</summary>
    public (DateTime Time, long Id)? Before { get; init; }

    /// <summary>Keyset paging, oldest first: only messages newer than this (MessageTime, Id) position.</summary>
    public (DateTime Time, long Id)? After { get; init; }

    /// <summary>How many of the filter's parameters narrow the list (several states are one); order and paging do not.</summary>
    public int ActiveFilters => ToQuery().Select(p => p.Key)
        .Where(key => key is not (Names.Order or Names.Before or Names.After or Names.Limit or Names.Offset)).Distinct().Count();

    /// <summary>True when anything but order and paging narrows the list.</summary>
    public bool HasFilters => ActiveFilters > 0;

    /// <summary>
    /// Reads the query parameters of <see cref="Names"/> (<c>limit</c> 1–20, as Plivo's). Every unreadable value is
    /// reported by name. With <paramref name="time"/>, message times must also fall within the days reports cover
    /// (<see cref="DayRange.Window"/>, the one rule for ranges); a list is paged, so its span is not limited.
    /// </summary>
    public static (MessageFilter? Filter, IReadOnlyList<WebhookFieldError> Errors) Parse(Func<string, string?> query, TimeProvider? time = null)
    {
        var window = time is null ? (DayRange?)null : DayRange.Window(time);
        var errors = new List<WebhookFieldError>();

        T? Enum<T>(string name, PlivoParse<T> parse, string expected)
            where T : struct =>
            Enums(name, parse, expected) is [var one, ..] ? one : null;

        List<T> Enums<T>(string name, PlivoParse<T> parse, string expected)
        {
            var values = new List<T>();
            foreach (var text in (query(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (parse(text, out var value))
                {
                    values.Add(value);
                }
                else
                {
                    errors.Add(new(name, $"'{text}' is not one of {expected}"));
                }
            }

            return values;
        }

        DateTime? Time(string name)
        {
            var text = query(name);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (PlivoTime.TryParse(text, out var value))
            {
                if (window is { } w && !w.Contains(DateOnly.FromDateTime(value)))
                {
                    errors.Add(new(name, $"'{text}' is outside the days the dashboard covers ({w})"));
                    return null;
                }

                return value;
            }

            errors.Add(new(name, $"'{text}' is not a time as YYYY-MM-DD HH:MM[:ss[.uuuuuu]]"));
            return null;
        }

        int Int(string name, int fallback, int min, int max)
        {
            var text = query(name);
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            errors.Add(new(name, $"'{text}' must be a whole number from {min} to {max}"));
            return fallback;
        }

        (DateTime, long)? Cursor(string name)
        {
            var text = Text(name);
            if (text is null)
            {
                return null;
            }

            if (TryParseCursor(text, out var cursor))
            {
                return cursor;
            }

            errors.Add(new(name, $"'{text}' is not a page position"));
            return null;
        }

        bool Flag(string name)
        {
            var text = Text(name);
            if (text is null or "false")
            {
                return false;
            }

            if (text == "true")
            {
                return true;
            }

            errors.Add(new(name, $"'{text}' is not true or false"));
            return false;
        }

        string? Text(string name) => string.IsNullOrWhiteSpace(query(name)) ? null : query(name)!.Trim();

        var exact = Time(Names.Time);
        var order = Enum<MessageOrder>(Names.Order, TryParseOrder, "newest, oldest") ?? MessageOrder.NewestFirst;
        var filter = new MessageFilter
        {
            Direction = Enum<MessageDirection>(Names.Direction, PlivoNames.TryParseDirection, "inbound, outbound"),
            States = [.. Enums<MessageState>(Names.State, PlivoNames.TryParseState, "queued, sent, delivered, undelivered, failed, read, received").Distinct()],
            Type = Enum<MessageType>(Names.Type, PlivoNames.TryParseType, "sms, mms, whatsapp"),
            TimeGt = Time(Names.TimeGt),
            TimeGte = Time(Names.TimeGte) ?? exact,
            TimeLt = Time(Names.TimeLt),
            TimeLte = Time(Names.TimeLte) ?? exact,
            ErrorCode = Text(Names.ErrorCode),
            PowerpackId = Text(Names.Powerpack),
            FromNumber = Text(Names.From),
            ToNumber = Text(Names.To),
            CountryIso2 = Text(Names.Country)?.ToUpperInvariant(),
            Mcc = Text(Names.Mcc),
            Mnc = Text(Names.Mnc),
            PlivoConversationId = Text(Names.PlivoConversationId),
            ConversationOrigin = Text(Names.ConversationOrigin),
            Silent = Flag(Names.Silent),
            Search = Text(Names.Search),
            Order = order,
            Before = Cursor(Names.Before),
            After = Cursor(Names.After),
            Limit = Int(Names.Limit, MaxApiLimit, 1, MaxApiLimit),
            Offset = Int(Names.Offset, 0, 0, int.MaxValue),
        };
        if (filter.Before is not null && order == MessageOrder.OldestFirst)
        {
            errors.Add(new(Names.Before, "pages newest first; oldest first pages with 'after'"));
        }

        if (filter.After is not null && order == MessageOrder.NewestFirst)
        {
            errors.Add(new(Names.After, "pages oldest first (order=oldest); newest first pages with 'before'"));
        }

        return errors.Count == 0 ? (filter, errors) : (null, errors);
    }

    private static bool TryParseOrder(string text, out MessageOrder order)
    {
        (var ok, order) = text.ToLowerInvariant() switch
        {
            "newest" => (true, MessageOrder.NewestFirst),
            "oldest" => (true, MessageOrder.OldestFirst),
            _ => (false, MessageOrder.NewestFirst),
        };
        return ok;
    }

    public delegate bool PlivoParse<T>(string text, out T value);
}
