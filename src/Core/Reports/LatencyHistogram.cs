using System.Globalization;
using System.Text;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Reports;

/// <summary>Which delay a latency bucket counts.</summary>
public enum LatencyStage
{
    /// <summary>Queued (or, without a queued time, the message time) → sent: Plivo handed it to the carrier.</summary>
    ToSent = 0,

    /// <summary>Queued (or the message time) → the delivery report of a delivered message.</summary>
    ToDelivered = 1,
}

/// <summary>
/// A latency histogram row (ADR-014): how many outbound messages of one UTC day and one key of one dimension took a
/// delay within one bucket of <see cref="LatencyHistogram"/>. The writer keeps it in the same transaction as each
/// message change, like <see cref="DailyFact"/>, as atomic increments.
/// </summary>
public sealed class LatencyBucket
{
    public long Id { get; set; }

    /// <summary>The UTC day of the message's <c>MessageTime</c>.</summary>
    public DateOnly Day { get; set; }

    /// <summary>All, Type, Country, Carrier or Sender.</summary>
    public ReportDimension Dimension { get; set; }

    public string Key { get; set; } = "";

    public LatencyStage Stage { get; set; }

    /// <summary>The bucket's index in <see cref="LatencyHistogram.UpperEdges"/> (the last one: above every edge).</summary>
    public int Bucket { get; set; }

    public long Count { get; set; }
}

/// <summary>
/// The fixed, log-spaced latency buckets and what one message contributes to them (ADR-014). Edges follow the R10
/// preferred numbers (1, 1.25, 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8 per decade, each at most 1.28× the one before) from
/// 100 ms to 100,000 s (27.8 h). Buckets are closed above: bucket 0 holds [0, 100 ms], bucket k holds
/// (edge k−1, edge k], and the last, <see cref="Overflow"/>, everything above 100,000 s. A percentile read from them
/// is the upper edge of the bucket the exact nearest-rank value lies in: never lower than the truth, at most 1.28×
/// above it. The edges are part of the stored data: changing them needs a new table, not an edit.
/// </summary>
public static class LatencyHistogram
{
    private static readonly int[] R10 = [100, 125, 160, 200, 250, 315, 400, 500, 630, 800];

    private static readonly long[] Edges =
        [.. Enumerable.Range(0, 60).Select(i => R10[i % 10] * 10_000L * Pow10(i / 10)), 1_000_000_000_000L];

    /// <summary>The upper edge of each bucket but the last, in ticks: 100 ms × 10^decade × R10, then 100,000 s.</summary>
    public static IReadOnlyList<long> UpperEdges => Edges;

    /// <summary>The bucket above the last edge (more than 100,000 s).</summary>
    public static int Overflow => UpperEdges.Count;

    /// <summary>The dimensions a histogram is kept for (the delivery-speed page shows All, Carrier, Country, Sender).</summary>
    public static IReadOnlyList<ReportDimension> Dimensions { get; } =
        [ReportDimension.All, ReportDimension.Type, ReportDimension.Country, ReportDimension.Carrier, ReportDimension.Sender];

    /// <summary>The bucket of a non-negative delay in ticks.</summary>
    public static int BucketOf(long ticks)
    {
        var index = Array.BinarySearch(Edges, ticks);
        return index >= 0 ? index : ~index;
    }

    /// <summary>What a percentile in <paramref name="bucket"/> is reported as: its upper edge (the last bucket: its lower edge).</summary>
    public static TimeSpan ValueOf(int bucket) => TimeSpan.FromTicks(UpperEdges[Math.Min(bucket, Overflow - 1)]);

    /// <summary>
    /// Nearest rank over bucket counts: the bucket holding the value at rank ⌈p·n/100⌉, as <see cref="ValueOf"/>;
    /// null when there are no counts.
    /// </summary>
    public static TimeSpan? Percentile(IReadOnlyDictionary<int, long> counts, int p)
    {
        var total = counts.Values.Sum();
        if (total <= 0)
        {
            return null;
        }

        var rank = ((total * p) + 99) / 100;
        long seen = 0;
        foreach (var (bucket, count) in counts.OrderBy(c => c.Key))
        {
            seen += count;
            if (seen >= rank)
            {
                return ValueOf(bucket);
            }
        }

        return ValueOf(Overflow);
    }

    /// <summary>
    /// What one stored message contributes: for an outbound message, the bucket of its time to sent (when its sent time
    /// is known and not before its start) and of its time to delivered (when it is delivered, not read: a read receipt's
    /// time replaces the delivery report's on the message). A function of the row alone, so the writer moves a message's
    /// contribution as its row changes and the histograms always equal what the rows say.
    /// </summary>
    internal static Contribution Of(MessageRow row)
    {
        if (row.Direction != MessageDirection.Outbound)
        {
            return default;
        }

        var start = row.QueuedTime ?? row.MessageTime;
        int? toSent = row.SentTime is { } sent && sent >= start ? BucketOf((sent - start).Ticks) : null;
        int? toDelivered = row.State == MessageState.Delivered && row.DeliveryReportTime is { } report && report >= start
            ? BucketOf((report - start).Ticks)
            : null;
        return toSent is null && toDelivered is null
            ? default
            : new Contribution(DateOnly.FromDateTime(row.MessageTime), toSent, toDelivered, row.Type, row.CountryIso2 ?? "",
                $"{row.Mcc}/{row.Mnc}", row.FromNumber ?? "");
    }

    /// <summary>
    /// The SQL that fills the histograms from the stored messages (run by the migration that creates them, on an empty
    /// table, and by the query benchmark after it generates history): one read of Messages. Both providers accept it;
    /// only the day expression differs (SQLite keeps a DateOnly as ISO text, PostgreSQL as a date).
    /// </summary>
    public static string BackfillSql(bool postgreSql)
    {
        var day = postgreSql
            ? $"""(DATE '0001-01-01' + ("MessageTime" / {TimeSpan.TicksPerDay})::int)"""
            : """date(("MessageTime" - 621355968000000000) / 10000000, 'unixepoch')""";
        const string Start = """COALESCE("QueuedTime", "MessageTime")""";
        var types = string.Concat(Enum.GetValues<MessageType>().Select(t => $" WHEN {(int)t} THEN '{PlivoNames.Of(t)}'"));
        string Bucket(string delay) =>
            "CASE" + string.Concat(UpperEdges.Select((edge, i) => $" WHEN {delay} <= {edge} THEN {i}")) + $" ELSE {Overflow} END";

        var sql = new StringBuilder($"""
            WITH t AS (
                SELECT {day} AS d, CASE "Type"{types} END AS ty, COALESCE("CountryIso2", '') AS co,
                       COALESCE("Mcc", '') || '/' || COALESCE("Mnc", '') AS ca, COALESCE("FromNumber", '') AS se,
                       CASE WHEN "SentTime" >= {Start} THEN {Bucket($"(\"SentTime\" - {Start})")} END AS sb,
                       CASE WHEN "State" = {(int)MessageState.Delivered} AND "DeliveryReportTime" >= {Start}
                            THEN {Bucket($"(\"DeliveryReportTime\" - {Start})")} END AS db,
                       COUNT(*) AS n
                FROM "Messages" WHERE "Direction" = {(int)MessageDirection.Outbound}
                GROUP BY 1, 2, 3, 4, 5, 6, 7)
            INSERT INTO "LatencyBuckets" ("Day", "Dimension", "Key", "Stage", "Bucket", "Count")
            """);
        var union = "";
        foreach (var (dimension, key) in new[] { (ReportDimension.All, "''"), (ReportDimension.Type, "ty"), (ReportDimension.Country, "co"), (ReportDimension.Carrier, "ca"), (ReportDimension.Sender, "se") })
        {
            foreach (var (stage, bucket) in new[] { (LatencyStage.ToSent, "sb"), (LatencyStage.ToDelivered, "db") })
            {
                sql.Append(CultureInfo.InvariantCulture, $"""

                    {union}SELECT d, {(int)dimension}, {key}, {(int)stage}, {bucket}, SUM(n) FROM t WHERE {bucket} IS NOT NULL GROUP BY d, {(key == "''" ? "" : key + ", ")}{bucket}
                    """);
                union = "UNION ALL ";
            }
        }

        return sql.ToString();
    }

    private static long Pow10(int exponent) => exponent == 0 ? 1 : 10 * Pow10(exponent - 1);

    /// <summary>One message's buckets and keys; the default when it contributes nothing.</summary>
    internal readonly record struct Contribution(
        DateOnly Day, int? ToSent, int? ToDelivered, MessageType Type, string Country, string Carrier, string Sender)
    {
        /// <summary>The (dimension, key) rows a message counts under: one per histogram dimension.</summary>
        public IEnumerable<(ReportDimension Dimension, string Key)> Keys()
        {
            yield return (ReportDimension.All, "");
            yield return (ReportDimension.Type, PlivoNames.Of(Type));
            yield return (ReportDimension.Country, Country);
            yield return (ReportDimension.Carrier, Carrier);
            yield return (ReportDimension.Sender, Sender);
        }
    }
}
