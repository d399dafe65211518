using System.Globalization;
using CsvHelper;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Reports;

/// <summary>
/// Writes a <see cref="CostReport"/> as one CSV: every section the costs page shows, one row per line of it,
/// <c>section,key,label,messages,units,amount</c>, amounts as Plivo writes them (five decimals, no currency).
/// </summary>
public static class CostCsv
{
    public static readonly string[] Header = ["section", "key", "label", "messages", "units", "amount"];

    public static async Task WriteAsync(CostReport report, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvWriter.Create(writer, options: null, leaveOpen: true);
        await csv.WriteRecordAsync(Header, cancellationToken);
        await WriteAsync(csv, cancellationToken, "total", [report.Total]);
        await WriteAsync(csv, cancellationToken, CostReport.Name(report.Period), report.ByPeriod);
        await WriteAsync(csv, cancellationToken, "message_type", report.ByType);
        await WriteAsync(csv, cancellationToken, "message_direction", report.ByDirection);
        await WriteAsync(csv, cancellationToken, "destination_country", report.ByCountry);
        await WriteAsync(csv, cancellationToken, "powerpack", report.ByPowerpack);
        await WriteAsync(csv, cancellationToken, "conversation_origin", report.ByConversationOrigin);
        await WriteAsync(csv, cancellationToken, "failed_or_undelivered_by_error_code", report.WastedByErrorCode);
        await WriteAsync(csv, cancellationToken, "failed_or_undelivered_by_carrier", report.WastedByCarrier);
        var p = report.Projection;
        var month = p.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await WriteAsync(csv, cancellationToken, "month_to_date", [new CostRow(month, "Spent so far this month", 0, 0, p.SpentSoFar)], amountOnly: true);
        await WriteAsync(csv, cancellationToken, "month_end_projection", [new CostRow(month, "Projected at the current rate", 0, 0, p.Projected)], amountOnly: true);
        await csv.FlushAsync(cancellationToken);
    }

    private static async Task WriteAsync(CsvWriter csv, CancellationToken cancellationToken, string section, IEnumerable<CostRow> rows, bool amountOnly = false)
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
