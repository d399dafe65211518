using System.Globalization;
using CsvHelper;

namespace Dashboard.Core.Messages;

/// <summary>
/// The message log as CSV, one row per message, with the Message object's field names (docs/plivo/send-message.md,
/// "Reading messages") and times in ISO 8601 UTC. Rows are written as they are read: nothing is held in memory.
/// </summary>
public static class MessageCsv
{
    public static readonly string[] Header =
    [
        "message_uuid", "message_time", "message_updated_time", "message_direction", "message_type", "message_state",
        "from_number", "to_number", "text", "error_code", "error_message", "units", "total_rate", "total_amount",
        "destination_country_iso2", "mcc", "mnc", "powerpack_id", "conversation_id",
    ];

    // A text starting with "=", "+", "-" or "@" would run as a formula in a spreadsheet: CsvHelper escapes it.
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    public static async Task WriteAsync(IAsyncEnumerable<Message> messages, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvWriter.Create(writer, Options, leaveOpen: true);
        await csv.WriteRecordAsync(Header, cancellationToken);
        var rows = 0;
        await foreach (var m in messages.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync(
            [
                m.MessageUuid,
                Iso(m.MessageTime),
                Iso(m.UpdatedAt),
                PlivoNames.Of(m.Direction),
                PlivoNames.Of(m.Type),
                PlivoNames.Of(m.State),
                m.FromNumber,
                m.ToNumber,
                m.Text ?? "",
                m.ErrorCode ?? "",
                m.ErrorCode is null || PlivoErrorCodes.IsSuccess(m.ErrorCode) ? "" : PlivoErrorCodes.Describe(m.ErrorCode).Name,
                m.Units?.ToString(CultureInfo.InvariantCulture) ?? "",
                PlivoAmount.Format(m.TotalRate),
                PlivoAmount.Format(m.TotalAmount),
                m.CountryIso2 ?? "",
                m.Mcc ?? "",
                m.Mnc ?? "",
                m.PowerpackUuid ?? "",
                m.PlivoConversationId ?? "",
            ], cancellationToken);

            // Hand rows to the response every so often, so a long export streams instead of filling a buffer.
            if (++rows % 500 == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>ISO 8601 in UTC with milliseconds: <c>2026-11-16T11:22:00.000Z</c>.</summary>
    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The export's file name, with its time range: <c>messages-2026-11-10T0000Z-to-2026-11-16T0000Z.csv</c>.</summary>
    public static string FileName(MessageFilter filter, DateTime now)
    {
        static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HHmm'Z'", CultureInfo.InvariantCulture);
        var from = filter.TimeGte ?? filter.TimeGt;
        var to = filter.TimeLt ?? filter.TimeLte ?? now;
        return $"messages-{(from is { } f ? Stamp(f) : "start")}-to-{Stamp(to)}.csv";
    }
}
