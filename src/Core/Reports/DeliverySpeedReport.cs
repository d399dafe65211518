using System.Text;
using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reports;

/// <summary>
/// How fast one group of outbound messages moved: queued → sent (Plivo handed it to the carrier) and
/// queued → delivered (the delivery report), as nearest-rank p50/p95 over the messages that reached that stage.
/// WhatsApp messages already read are left out of time-to-delivered: the read receipt's timestamp replaces the
/// delivery-report time on the message, so it would measure time-to-read.
/// </summary>
public sealed record SpeedRow(
    string Key,
    string Label,
    string? Detail,
    long SentCount,
    TimeSpan? SentP50,
    TimeSpan? SentP95,
    long DeliveredCount,
    TimeSpan? DeliveredP50,
    TimeSpan? DeliveredP95);

/// <summary>Delivery speed over a range: overall and by carrier, destination country and sender.</summary>
/// <param name="Range">The days actually read (the asked range's last days when it was longer than allowed).</param>
/// <param name="Clamped">True when the asked range was longer than <see cref="ReportsOptions.SpeedMaxDays"/>.</param>
public sealed record DeliverySpeedReport(
    DayRange Range,
    bool Clamped,
    SpeedRow Overall,
    IReadOnlyList<SpeedRow> ByCarrier,
    IReadOnlyList<SpeedRow> ByCountry,
    IReadOnlyList<SpeedRow> BySender)
{
    public bool IsEmpty => Overall.SentCount == 0 && Overall.DeliveredCount == 0;
}

public sealed partial class ReportQueries
{
    /// <summary>Groups per dimension the speed tab shows (the busiest first).</summary>
    public const int SpeedTopGroups = 25;

    /// <summary>
    /// p50/p95 of time-to-sent and time-to-delivered over at most <see cref="ReportsOptions.SpeedMaxDays"/> days.
    /// </summary>
    /// <remarks>
    /// Percentiles cannot come from the rollup, so this reads Messages: one range scan of the (MessageTime, Id)
    /// index plus a row lookup per outbound message of the range, then SQLite sorts up to eight samples per message
    /// in window functions. The cost is O(n log n) in the range's messages and memory for the sort's temp b-tree:
    /// fine for tens of thousands, about seconds at a million messages a day. That is why the range is capped, and
    /// why the page computes it when the tab is opened or the range changes, never on live updates.
    /// </remarks>
    public async Task<DeliverySpeedReport> GetDeliverySpeedAsync(DayRange range, CancellationToken cancellationToken = default)
    {
        var (bounded, clamped) = Bound(range);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var samples = await PercentilesAsync(db, bounded, overallOnly: false, cancellationToken);

        List<SpeedRow> Rows(string dimension, Func<string, (string Label, string? Detail)> describe) =>
        [
            .. samples.Where(s => s.Dimension == dimension).GroupBy(s => s.Group, StringComparer.Ordinal)
                .Select(g => ToRow(g.Key, describe(g.Key), g))
                .OrderByDescending(r => Math.Max(r.SentCount, r.DeliveredCount)).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Take(SpeedTopGroups),
        ];

        var overall = ToRow("", ("All outbound messages", null), samples.Where(s => s.Dimension == "all"));
        return new DeliverySpeedReport(bounded, clamped, overall,
            Rows("carrier", key =>
            {
                var (mcc, mnc) = (key[..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);
                return mcc == "" && mnc == ""
                    ? ("No carrier reported", null)
                    : (Numbering.Network(mcc, mnc)?.Name ?? $"Unknown network {key}", $"MCC {mcc} / MNC {mnc}");
            }),
            Rows("country", iso => iso == "" ? ("Unknown country", null) : (CountryName(iso) ?? iso, iso)),
            Rows("sender", sender => (sender == "" ? "No sender" : sender, null)));
    }

    /// <summary>The median queued → delivered time of the range's delivered messages (same bounded read as above).</summary>
    public async Task<TimeSpan?> GetMedianTimeToDeliveryAsync(DayRange range, CancellationToken cancellationToken = default)
    {
        var (bounded, _) = Bound(range);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var samples = await PercentilesAsync(db, bounded, overallOnly: true, cancellationToken);
        return samples.FirstOrDefault(s => s.Metric == "delivered")?.P50;
    }

    private (DayRange Range, bool Clamped) Bound(DayRange range)
    {
        var max = options.Value.SpeedMaxDays;
        return range.Days <= max ? (range, false) : (new DayRange(range.To.AddDays(1 - max), range.To), true);
    }

    private static SpeedRow ToRow(string key, (string Label, string? Detail) name, IEnumerable<Percentile> samples)
    {
        var sent = samples.FirstOrDefault(s => s.Metric == "sent");
        var delivered = samples.FirstOrDefault(s => s.Metric == "delivered");
        return new SpeedRow(key, name.Label, name.Detail, sent?.Count ?? 0, sent?.P50, sent?.P95,
            delivered?.Count ?? 0, delivered?.P50, delivered?.P95);
    }

    /// <summary>
    /// Nearest-rank percentiles (rank ⌈p·n/100⌉) per (dimension, group, metric) in one SQL statement: the range's
    /// outbound messages are read once into a materialised CTE, fanned out into samples, ranked by window functions.
    /// Times are UTC ticks (see <see cref="UtcDateTimeConverter"/>), so durations are plain subtractions.
    /// </summary>
    private static async Task<List<Percentile>> PercentilesAsync(DashboardDb db, DayRange range, bool overallOnly, CancellationToken cancellationToken)
    {
        string[] dimensions = overallOnly ? ["all"] : ["all", "carrier", "country", "sender"];
        string[] metrics = overallOnly ? ["delivered"] : ["sent", "delivered"];
        var fanOut = new StringBuilder();
        foreach (var dimension in dimensions)
        {
            foreach (var metric in metrics)
            {
                fanOut.Append(fanOut.Length == 0 ? "" : "\n    UNION ALL ")
                    .Append($"SELECT '{dimension}' AS Dim, {(dimension == "all" ? "''" : dimension)} AS Grp, '{metric}' AS Metric, to_{metric} AS V ")
                    .Append($"FROM base WHERE to_{metric} IS NOT NULL");
            }
        }

        var sql = $"""
            WITH base AS MATERIALIZED (
                SELECT COALESCE(Mcc, '') || '/' || COALESCE(Mnc, '') AS carrier,
                       COALESCE(CountryIso2, '') AS country,
                       FromNumber AS sender,
                       CASE WHEN SentTime >= COALESCE(QueuedTime, MessageTime)
                            THEN SentTime - COALESCE(QueuedTime, MessageTime) END AS to_sent,
                       CASE WHEN State = {(int)MessageState.Delivered}
                             AND DeliveryReportTime >= COALESCE(QueuedTime, MessageTime)
                            THEN DeliveryReportTime - COALESCE(QueuedTime, MessageTime) END AS to_delivered
                FROM Messages
                WHERE MessageTime >= $from AND MessageTime < $to AND Direction = {(int)MessageDirection.Outbound}
            ),
            samples AS (
                {fanOut}
            ),
            ranked AS (
                SELECT Dim, Grp, Metric, V,
                       ROW_NUMBER() OVER (PARTITION BY Dim, Grp, Metric ORDER BY V) AS Rn,
                       COUNT(*) OVER (PARTITION BY Dim, Grp, Metric) AS N
                FROM samples
            )
            SELECT Dim, Grp, Metric, N,
                   MAX(CASE WHEN Rn = (N * 50 + 99) / 100 THEN V END) AS P50,
                   MAX(CASE WHEN Rn = (N * 95 + 99) / 100 THEN V END) AS P95
            FROM ranked
            GROUP BY Dim, Grp, Metric, N
            """;

        var result = new List<Percentile>();
        await using var command = await CommandAsync(db, sql, cancellationToken,
            ("$from", UtcDateTimeConverter.ToDb(range.StartUtc)), ("$to", UtcDateTimeConverter.ToDb(range.EndUtc)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Percentile(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                TimeSpan.FromTicks(reader.GetInt64(4)), TimeSpan.FromTicks(reader.GetInt64(5))));
        }

        return result;
    }

    private sealed record Percentile(string Dimension, string Group, string Metric, long Count, TimeSpan P50, TimeSpan P95);
}
