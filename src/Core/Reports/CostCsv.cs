using System.Globalization;
using CsvHelper;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Reports;

/// <summary>
/// The two cost exports, one file per purpose. The summary (<see cref="WriteAsync(CostReport, TextWriter, CancellationToken)"/>):
/// every section the costs page shows, one row per line of it, <c>section,key,label,messages,units,amount</c>. The
/// per-message file (<see cref="WriteMessagesAsync"/>): one row per message under Plivo's MDR field names
/// (docs/plivo/mdr.md), for reconciling with Plivo's own records. Amounts as Plivo writes them (five decimals, no
/// currency), times in UTC as the MDR writes them.
/// </summary>
public static class CostCsv
{
    public static readonly string[] Header = ["section", "key", "label", "messages", "units", "amount"];

    /// <summary>Plivo's MDR names for what each message row holds (docs/plivo/mdr.md).</summary>
    public static readonly string[] MessageHeader =
    [
        "message_uuid", "message_time", "message_direction", "message_type", "message_state", "error_code", "from_number",
        "to_number", "destination_country_iso2", "powerpack_id", "units", "total_rate", "total_amount", "conversation_id",
        "conversation_origin",
    ];

    /// <summary>Writes each message as it is read, flushing every so often so the download starts at once.</summary>
    public static async Task WriteMessagesAsync(IAsyncEnumerable<MessageCost> messages, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvWriter.Create(writer, options: null, leaveOpen: true);
        await csv.WriteRecordAsync(MessageHeader, cancellationToken);
        var written = 0;
        await foreach (var m in messages.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync(
            [
                m.MessageUuid, PlivoTime.Format(m.MessageTime), PlivoNames.Of(m.Direction), PlivoNames.Of(m.Type), PlivoNames.Of(m.State),
                m.ErrorCode ?? "", m.FromNumber, m.ToNumber, m.CountryIso2 ?? "", m.PowerpackUuid ?? "",
                m.Units?.ToString(CultureInfo.InvariantCulture) ?? "", PlivoAmount.Format(m.TotalRate), PlivoAmount.Format(m.TotalAmount),
                m.PlivoConversationId ?? "", m.ConversationOrigin ?? "",
            ], cancellationToken);
            if (++written % 1_000 == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
    }

    public static async Task WriteAsync(CostReport report, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvWriter.Create(writer, options: null, leaveOpen: true);
        await csv.WriteRecordAsync(Header, cancellationToken);
        await WriteAsync(csv, "total", [report.Total], cancellationToken);
        await WriteAsync(csv, CostReport.Name(report.Period), report.ByPeriod, cancellationToken);
        await WriteAsync(csv, "message_type", report.ByType, cancellationToken);
        await WriteAsync(csv, "message_direction", report.ByDirection, cancellationToken);
        await WriteAsync(csv, "destination_country", report.ByCountry, cancellationToken);
        await WriteAsync(csv, "powerpack", report.ByPowerpack, cancellationToken);
        await WriteAsync(csv, "conversation_origin", report.ByConversationOrigin, cancellationToken);
        await WriteAsync(csv, "failed_or_undelivered_by_error_code", report.WastedByErrorCode, cancellationToken);
        await WriteAsync(csv, "failed_or_undelivered_by_carrier", report.WastedByCarrier, cancellationToken);
        var p = report.Projection;
        var month = p.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await WriteAsync(csv, "month_to_date", [new CostRow(month, "Spent so far this month", 0, 0, p.SpentSoFar)], cancellationToken, amountOnly: true);
        await WriteAsync(csv, "month_end_projection", [new CostRow(month, "Projected at the current rate", 0, 0, p.Projected)], cancellationToken, amountOnly: true);
        await csv.FlushAsync(cancellationToken);
    }

    private static async Task WriteAsync(
        CsvWriter csv, string section, IEnumerable<CostRow> rows, CancellationToken cancellationToken, bool amountOnly = false)
    {
        foreach (var row in rows)
        {
            await csv.WriteRecordAsync(
            [
                section,
                row.Key,
                row.Label,
                amountOnly ? "" : row.Messages.ToString(CultureInfo.InvariantCulture),
                amountOnly ? "" : row.Units.ToString(CultureInfo.InvariantCulture),
                PlivoAmount.Format(row.Amount),
            ], cancellationToken);
        }
    }
}
