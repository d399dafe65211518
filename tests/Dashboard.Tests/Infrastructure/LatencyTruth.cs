using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The latency histograms as the stored rows say they must be, worked out here from each message (ADR-014: an
/// outbound message counts its queued → sent delay when its sent time is known, its queued → delivered delay while it
/// is delivered), beside what the writer stored, zero rows left out.
/// </summary>
public static class LatencyTruth
{
    public static async Task<Dictionary<(ReportDimension Dimension, DateOnly Day, string Key, LatencyStage Stage, int Bucket), long>> FromRowsAsync(DashboardDb db)
    {
        var truth = new Dictionary<(ReportDimension, DateOnly, string, LatencyStage, int), long>();
        foreach (var m in await db.Messages.AsNoTracking().Where(m => m.Direction == MessageDirection.Outbound).ToListAsync())
        {
            var start = m.QueuedTime ?? m.MessageTime;
            var delays = new List<(LatencyStage, TimeSpan)>();
            if (m.SentTime is { } sent && sent >= start)
            {
                delays.Add((LatencyStage.ToSent, sent - start));
            }

            if (m.State == MessageState.Delivered && m.DeliveryReportTime is { } report && report >= start)
            {
                delays.Add((LatencyStage.ToDelivered, report - start));
            }

            (ReportDimension, string)[] keys =
            [
                (ReportDimension.All, ""), (ReportDimension.Type, PlivoNames.Of(m.Type)), (ReportDimension.Country, m.CountryIso2 ?? ""),
                (ReportDimension.Carrier, $"{m.Mcc}/{m.Mnc}"), (ReportDimension.Sender, m.FromNumber),
            ];
            foreach (var (stage, delay) in delays)
            {
                foreach (var (dimension, key) in keys)
                {
                    var cell = (dimension, DateOnly.FromDateTime(m.MessageTime), key, stage, LatencyHistogram.BucketOf(delay.Ticks));
                    truth[cell] = truth.GetValueOrDefault(cell) + 1;
                }
            }
        }

        return truth;
    }

    public static async Task<Dictionary<(ReportDimension Dimension, DateOnly Day, string Key, LatencyStage Stage, int Bucket), long>> StoredAsync(DashboardDb db) =>
        (await db.Set<LatencyBucket>().AsNoTracking().Where(b => b.Count != 0).ToListAsync())
            .ToDictionary(b => (b.Dimension, b.Day, b.Key, b.Stage, b.Bucket), b => b.Count);

    /// <summary>The exact nearest-rank percentile of some delays (what sampling the rows used to give).</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> delays, int p)
    {
        var sorted = delays.Order().ToArray();
        return sorted[(int)(((sorted.LongLength * p) + 99) / 100) - 1];
    }
}
