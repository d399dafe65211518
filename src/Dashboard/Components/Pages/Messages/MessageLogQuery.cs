using System.Globalization;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Components.Pages.Messages;

/// <summary>
/// The message log's query string: Plivo's list-filter names (<c>message_direction</c>, <c>message_state</c>,
/// <c>message_type</c>, <c>message_time__gte</c>/<c>__lt</c>, <c>error_code</c>, <c>powerpack_id</c>,
/// <c>destination_country_iso2</c>), our <c>mcc</c>/<c>mnc</c>, <c>q</c> (a number or a UUID) and <c>before</c>,
/// the keyset cursor (<c>{MessageTime ticks}.{Id}</c>) of the page.
/// </summary>
public sealed record MessageLogQuery
{
    public static readonly string[] FilterNames =
    [
        "message_direction", "message_state", "message_type", "message_time__gte", "message_time__lt", "error_code",
        "powerpack_id", "destination_country_iso2", "mcc", "mnc", "q",
    ];

    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public string? Before { get; init; }

    public string? this[string name] => Values.GetValueOrDefault(name);

    public bool HasFilters => Values.Count > 0;

    public static MessageLogQuery From(IEnumerable<KeyValuePair<string, string?>> values, string? before) => new()
    {
        Values = values.Where(v => FilterNames.Contains(v.Key) && !string.IsNullOrWhiteSpace(v.Value))
            .ToDictionary(v => v.Key, v => v.Value!.Trim()),
        Before = string.IsNullOrWhiteSpace(before) ? null : before.Trim(),
    };

    /// <summary>The filter for <see cref="MessageQueries.ListAsync"/>, or the reasons the query string cannot be read.</summary>
    public (MessageFilter? Filter, IReadOnlyList<string> Errors) ToFilter(int pageSize, TimeProvider? time = null)
    {
        var (filter, errors) = MessageFilter.Parse(name => this[name], time);
        var problems = errors.Select(e => $"{e.Field}: {e.Problem}").ToList();
        (DateTime, long)? before = null;
        if (Before is not null)
        {
            if (TryParseCursor(Before, out var cursor))
            {
                before = cursor;
            }
            else
            {
                problems.Add($"before: '{Before}' is not a page position");
            }
        }

        return filter is null || problems.Count > 0
            ? (null, problems)
            : (filter with { Search = this["q"], Limit = pageSize, Offset = 0, Before = before }, problems);
    }

    /// <summary>This query with other filters (a null or empty value removes one) and no cursor: back to the newest page.</summary>
    public MessageLogQuery With(params (string Name, string? Value)[] changes)
    {
        var values = Values.ToDictionary();
        foreach (var (name, value) in changes)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                values.Remove(name);
            }
            else
            {
                values[name] = value.Trim();
            }
        }

        return new MessageLogQuery { Values = values };
    }

    public MessageLogQuery Page(string? before) => this with { Before = before };

    public string ToUrl()
    {
        var query = FilterNames.Where(Values.ContainsKey).Select(n => new KeyValuePair<string, string?>(n, Values[n])).ToList();
        if (Before is not null)
        {
            query.Add(new("before", Before));
        }

        return QueryHelpers.AddQueryString(MessageLogLink.Path, query);
    }

    public static string Cursor(Message last) =>
        string.Create(CultureInfo.InvariantCulture, $"{last.MessageTime.Ticks}.{last.Id}");

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
