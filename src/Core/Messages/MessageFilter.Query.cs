using System.Globalization;

namespace Dashboard.Core.Messages;

/// <summary>Writing a <see cref="MessageFilter"/> back as query-string pairs, and its keyset cursors.</summary>
public sealed partial record MessageFilter
{
    /// <summary>
    /// The query-string pairs of this filter, in one fixed order (what is wrong, where, which messages, when, then
    /// order and paging); defaults are left out. <see cref="Parse"/> reads them back to an equal filter.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToQuery()
    {
        var query = new List<KeyValuePair<string, string>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(new(name, value));
            }
        }

        Add(Names.Search, Search);
        Add(Names.ErrorCode, ErrorCode);
        Add(Names.Mcc, Mcc);
        Add(Names.Mnc, Mnc);
        Add(Names.Country, CountryIso2);
        Add(Names.Powerpack, PowerpackId);
        Add(Names.From, FromNumber);
        Add(Names.To, ToNumber);
        Add(Names.PlivoConversationId, PlivoConversationId);
        Add(Names.ConversationOrigin, ConversationOrigin);
        Add(Names.Silent, Silent ? "true" : null);
        Add(Names.Direction, Direction is { } d ? PlivoNames.Of(d) : null);
        Add(Names.Type, Type is { } t ? PlivoNames.Of(t) : null);
        Add(Names.State, string.Join(',', States.Select(PlivoNames.Of)));
        Add(Names.TimeGt, FormatTime(TimeGt));
        Add(Names.TimeGte, FormatTime(TimeGte));
        Add(Names.TimeLt, FormatTime(TimeLt));
        Add(Names.TimeLte, FormatTime(TimeLte));
        Add(Names.Order, Order == MessageOrder.OldestFirst ? "oldest" : null);
        Add(Names.Before, Before is { } b ? FormatCursor(b) : null);
        Add(Names.After, After is { } a ? FormatCursor(a) : null);
        Add(Names.Limit, Limit == MaxApiLimit ? null : Limit.ToString(CultureInfo.InvariantCulture));
        Add(Names.Offset, Offset == 0 ? null : Offset.ToString(CultureInfo.InvariantCulture));
        return query;
    }

    /// <summary>This filter from its first page (no cursor, no offset).</summary>
    public MessageFilter FirstPage() => this with { Before = null, After = null, Offset = 0 };

    /// <summary>The next page after <paramref name="last"/>, the last row shown, in this filter's order.</summary>
    public MessageFilter PageAfter(Message last) => Order == MessageOrder.OldestFirst
        ? this with { After = (last.MessageTime, last.Id), Before = null, Offset = 0 }
        : this with { Before = (last.MessageTime, last.Id), After = null, Offset = 0 };

    /// <summary>The shortest text that reads back to the same instant: a day, a minute, seconds or microseconds.</summary>
    public static string? FormatTime(DateTime? utc) => utc switch
    {
        null => null,
        { TimeOfDay.Ticks: 0 } t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        { Second: 0, Ticks: var ticks } t when ticks % TimeSpan.TicksPerSecond == 0 => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        { Ticks: var ticks } t when ticks % TimeSpan.TicksPerSecond == 0 => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        { } t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
    };

    public static string FormatCursor((DateTime Time, long Id) cursor) =>
        string.Create(CultureInfo.InvariantCulture, $"{cursor.Time.Ticks}.{cursor.Id}");

    public static bool TryParseCursor(string text, out (DateTime Time, long Id) cursor)
    {
        cursor = default;
        var parts = text.Split('.');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            cursor = (new DateTime(ticks, DateTimeKind.Utc), id);
            return true;
        }

        return false;
    }
}
