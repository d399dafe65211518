using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reports;

/// <summary>
/// How fast one group of outbound messages moved: queued → sent (Plivo handed it to the carrier) and
/// queued → delivered (the delivery report), as nearest-rank p50/p95/p99 over the messages that reached that stage,
/// read from the latency histograms: each value is the upper edge of the bucket the exact percentile lies in
/// (<see cref="LatencyHistogram"/>, at most 1.28× above it). WhatsApp messages already read are left out of
/// time-to-delivered: the read receipt's timestamp replaces the delivery-report time on the message.
/// </summary>
public sealed record SpeedRow(
    string Key,
    string Label,
    string? Detail,
    long SentCount,
    TimeSpan? SentP50,
    TimeSpan? SentP95,
    TimeSpan? SentP99,
    long DeliveredCount,
    TimeSpan? DeliveredP50,
    TimeSpan? DeliveredP95,
    TimeSpan? DeliveredP99);

/// <summary>One UTC day's overall delivery speed (the chart over time).</summary>
public sealed record SpeedDay(DateOnly Day, SpeedRow Speed);

/// <summary>Delivery speed over a range: overall, per day, and by carrier, destination country and sender.</summary>
public sealed record DeliverySpeedReport(
    DayRange Range,
    SpeedRow Overall,
    IReadOnlyList<SpeedDay> ByDay,
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
    /// p50/p95/p99 of time-to-sent and time-to-delivered over <paramref name="range"/>, exact to the bucket, with no
    /// sampling and no cap on the days: it reads the latency histograms the writer keeps (ADR-014), days × keys ×
    /// occupied buckets rows however many messages those days hold.
    /// </summary>
    public async Task<DeliverySpeedReport> GetDeliverySpeedAsync(DayRange range, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var daily = await Latency(db, range, ReportDimension.All)
            .GroupBy(b => new { b.Day, b.Stage, b.Bucket })
            .Select(g => new { g.Key.Day, g.Key.Stage, g.Key.Bucket, Count = g.Sum(b => b.Count) })
            .ToListAsync(cancellationToken);
        // One query per dimension, each an index range on (Dimension, Day): a quarter of the time of one IN over the
        // three (measured at 90 days), which SQLite grouped in one temporary b-tree.
        var grouped = new Dictionary<ReportDimension, List<(string Key, LatencyStage Stage, int Bucket, long Count)>>();
        foreach (var dimension in new[] { ReportDimension.Carrier, ReportDimension.Country, ReportDimension.Sender })
        {
            grouped[dimension] = [.. (await Latency(db, range, dimension)
                .GroupBy(b => new { b.Key, b.Stage, b.Bucket })
                .Select(g => new { g.Key.Key, g.Key.Stage, g.Key.Bucket, Count = g.Sum(b => b.Count) })
                .ToListAsync(cancellationToken)).Select(b => (b.Key, b.Stage, b.Bucket, b.Count))];
        }

        List<SpeedRow> Rows(ReportDimension dimension, Func<string, (string Label, string? Detail)> describe) =>
        [
            .. grouped[dimension].GroupBy(b => b.Key, StringComparer.Ordinal)
                .Select(g => ToRow(g.Key, describe(g.Key), [.. g.Select(b => (b.Stage, b.Bucket, b.Count))]))
                .Where(r => r.SentCount > 0 || r.DeliveredCount > 0)
                .OrderByDescending(r => Math.Max(r.SentCount, r.DeliveredCount)).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Take(SpeedTopGroups),
        ];

        var days = daily.ToLookup(b => b.Day);
        var byDay = new List<SpeedDay>(range.Days);
        for (var day = range.From; day <= range.To; day = day.AddDays(1))
        {
            byDay.Add(new SpeedDay(day, ToRow("", (DayRange.Format(day), null), [.. days[day].Select(b => (b.Stage, b.Bucket, b.Count))])));
        }

        return new DeliverySpeedReport(range, ToRow("", ("All outbound messages", null), [.. daily.Select(b => (b.Stage, b.Bucket, b.Count))]), byDay,
            Rows(ReportDimension.Carrier, key =>
            {
                if (key is "" or "/")
                {
                    return ("No carrier reported", null);
                }

                var (mcc, mnc) = (key[..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);
                return (Numbering.Network(mcc, mnc)?.Name ?? $"Unknown network {key}", $"MCC {mcc} / MNC {mnc}");
            }),
            Rows(ReportDimension.Country, iso => iso == "" ? ("Unknown country", null) : (CountryName(iso) ?? iso, iso)),
            Rows(ReportDimension.Sender, sender => (sender == "" ? "No sender" : sender, null)));
    }

    /// <summary>The median queued → delivered time of the range's delivered messages (the overall histogram).</summary>
    public async Task<TimeSpan?> GetMedianTimeToDeliveryAsync(DayRange range, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var counts = await Latency(db, range, ReportDimension.All)
            .Where(b => b.Stage == LatencyStage.ToDelivered)
            .GroupBy(b => b.Bucket)
            .Select(g => new { Bucket = g.Key, Count = g.Sum(b => b.Count) })
            .ToDictionaryAsync(b => b.Bucket, b => b.Count, cancellationToken);
        return LatencyHistogram.Percentile(counts, 50);
    }

    /// <summary>The histogram rows of one dimension over a range of days (the unique index leads with both).</summary>
    private static IQueryable<LatencyBucket> Latency(DashboardDb db, DayRange range, ReportDimension dimension)
    {
        var (from, to) = (range.From, range.To);
        return db.Set<LatencyBucket>().AsNoTracking().Where(b => b.Dimension == dimension && b.Day >= from && b.Day <= to);
    }

    private static SpeedRow ToRow(string key, (string Label, string? Detail) name, List<(LatencyStage Stage, int Bucket, long Count)> buckets)
    {
        Dictionary<int, long> Counts(LatencyStage stage) =>
            buckets.Where(b => b.Stage == stage).GroupBy(b => b.Bucket).ToDictionary(g => g.Key, g => g.Sum(b => b.Count));

        var (sent, delivered) = (Counts(LatencyStage.ToSent), Counts(LatencyStage.ToDelivered));
        return new SpeedRow(key, name.Label, name.Detail,
            sent.Values.Sum(), LatencyHistogram.Percentile(sent, 50), LatencyHistogram.Percentile(sent, 95), LatencyHistogram.Percentile(sent, 99),
            delivered.Values.Sum(), LatencyHistogram.Percentile(delivered, 50), LatencyHistogram.Percentile(delivered, 95),
            LatencyHistogram.Percentile(delivered, 99));
    }
}
