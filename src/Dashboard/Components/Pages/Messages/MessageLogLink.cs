using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Components.Pages.Messages;

/// <summary>
/// Links into the message log with Plivo's list-filter names, so a bucket on a report opens exactly the messages
/// it counts: <c>/messages?error_code=30&amp;message_state=undelivered&amp;message_time__gte=…&amp;message_time__lt=…</c>.
/// </summary>
public static class MessageLogLink
{
    public const string Path = "/messages";

    public static string For(DayRange? range, IEnumerable<KeyValuePair<string, string>> filter, MessageState? state = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        query.AddRange(filter.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value)));
        if (state is { } s)
        {
            query.Add(new("message_state", PlivoNames.Of(s)));
        }

        if (range is { } r)
        {
            // Whole UTC days: from midnight of the first day to (not including) midnight after the last.
            query.Add(new("message_time__gte", DayRange.Format(r.From)));
            query.Add(new("message_time__lt", DayRange.Format(r.To.AddDays(1))));
        }

        return QueryHelpers.AddQueryString(Path, query);
    }

    public static string Detail(string messageUuid) => $"{Path}/{Uri.EscapeDataString(messageUuid)}";
}
