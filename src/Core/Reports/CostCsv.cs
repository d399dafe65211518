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
