using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Components.Pages.Messages;

/// <summary>
/// Addresses of the message log: a <see cref="MessageFilter"/> written as its query string (Plivo's list-filter names),
/// so a bucket on a report opens exactly the messages it counts:
/// <c>/messages?error_code=30&amp;message_state=undelivered&amp;message_time__gte=…&amp;message_time__lt=…</c>.
/// </summary>
public static class MessageLogLink
{
    public const string Path = "/messages";

    /// <summary>The read API's CSV export (Endpoints/MessagesApiEndpoints), which takes the same query.</summary>
    public const string ExportPath = "/api/messages.csv";

    /// <summary>The log showing <paramref name="filter"/>.</summary>
    public static string For(MessageFilter filter) =>
        QueryHelpers.AddQueryString(Path, filter.ToQuery().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

    /// <summary>The log showing <paramref name="filter"/> in one state, over whole UTC days of <paramref name="range"/>.</summary>
    public static string For(DayRange? range, MessageFilter filter, MessageState? state = null)
    {
        if (state is { } s)
        {
            filter = filter with { States = [s] };
        }

        if (range is { } r)
        {
            // Whole UTC days: from midnight of the first day to (not including) midnight after the last.
            filter = filter with { TimeGte = r.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), TimeLt = r.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) };
        }

        return For(filter);
    }

    /// <summary>The CSV export of <paramref name="filter"/> (every page of it).</summary>
    public static string Export(MessageFilter filter) =>
        QueryHelpers.AddQueryString(ExportPath, filter.FirstPage().ToQuery().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

    public static string Detail(string messageUuid) => $"{Path}/{Uri.EscapeDataString(messageUuid)}";
}
