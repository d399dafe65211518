using System.Globalization;
using System.Net;
using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Reports;

/// <summary>
/// The latency histograms the writer keeps (ADR-014) against the truth of the stored rows: callbacks with known
/// delays posted as Plivo sends them, then the delivery-speed percentiles compared with the exact nearest-rank
/// percentiles of the rows.
/// </summary>
public class LatencyHistogramTests : IAsyncLifetime
{
    private static readonly DateTime Queued0 = new(2026, 11, 14, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DayRange Day = new(new DateOnly(2026, 11, 14), new DateOnly(2026, 11, 14));

    protected ReportsFactory App { get; private set; } = null!;

    protected virtual Task<ReportsFactory> CreateAppAsync() => Task.FromResult(new ReportsFactory());

    public async Task InitializeAsync() => App = await CreateAppAsync();

    public virtual Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PercentilesAreWithinOneBucketOfTheExactPercentilesOfTheRows()
    {
        // 400 messages on two carriers from two senders: delays log-uniform from 50 ms to 10 min to sent and up to
        // 2 h more to the report; a tenth undelivered, a twentieth failed; a third learn their carrier only with the report.
        var random = new Random(15);
        await Parallel.ForEachAsync(Enumerable.Range(0, 400).Select(i => (i, Rolls: (random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble(), random.Next(2), random.Next(2)))),
            new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (m, _) =>
            {
                var (final, toSent, toReport, lateCarrier, carrier, sender) = m.Rolls;
                var queued = Queued0.AddSeconds(m.i * 7);
                var sent = queued + LogUniform(toSent, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(10));
                var report = sent + LogUniform(toReport, TimeSpan.FromMilliseconds(50), TimeSpan.FromHours(2));
                var status = final < 0.05 ? "failed" : final < 0.15 ? "undelivered" : "delivered";
                await PostMessageAsync(Callbacks.NewUuid(), queued, status == "failed" ? null : sent, status == "failed" ? null : report, status,
                    carrier == 0 ? ("310", "410") : ("262", "01"), sender == 0 ? "14155550100" : "14155550101", carrierOnlyAtTheEnd: lateCarrier < 0.33);
            });

        var speed = await App.Services.GetRequiredService<ReportQueries>().GetDeliverySpeedAsync(Day);

        await using var db = App.CreateDb();
        var rows = await db.Messages.AsNoTracking().ToListAsync();
        Assert.Equal(400, rows.Count);
        Assert.Equal(await LatencyTruth.FromRowsAsync(db), await LatencyTruth.StoredAsync(db));
        AssertWithinOneBucket(rows, speed.Overall);
        Assert.Equal(2, speed.ByCarrier.Count);
        foreach (var row in speed.ByCarrier)
        {
            AssertWithinOneBucket([.. rows.Where(m => $"{m.Mcc}/{m.Mnc}" == row.Key)], row);
        }

        Assert.Equal(2, speed.BySender.Count);
        foreach (var row in speed.BySender)
        {
            AssertWithinOneBucket([.. rows.Where(m => m.FromNumber == row.Key)], row);
        }

        Assert.Equal(["DE", "US"], speed.ByCountry.Select(r => r.Key).Order());
    }

    [Fact]
    public async Task DuplicateLateAndOutOfOrderCallbacksCountAMessageOnce()
    {
        var uuid = Callbacks.NewUuid();
        var queued = Queued0;
        var sent = queued.AddSeconds(1.15);
        var report = queued.AddSeconds(4.4);

        // The report first, then a late sent twice, a late queued, and the report again.
        foreach (var (status, sequence) in new[] { ("delivered", 3), ("sent", 2), ("sent", 2), ("queued", 1), ("delivered", 3) })
        {
            Ok(await App.PostSignedAsync("/plivo/status", Form(uuid, status, sequence, queued, sent, status == "queued" ? null : report, ("310", "410"), "14155550100")));
        }

        await using var db = App.CreateDb();
        var stored = await LatencyTruth.StoredAsync(db);
        var day = new DateOnly(2026, 11, 14);
        Assert.Equal(
            new Dictionary<(ReportDimension, DateOnly, string, LatencyStage, int), long>
            {
                [(ReportDimension.All, day, "", LatencyStage.ToSent, LatencyHistogram.BucketOf(TimeSpan.FromSeconds(1.15).Ticks))] = 1,
                [(ReportDimension.All, day, "", LatencyStage.ToDelivered, LatencyHistogram.BucketOf(TimeSpan.FromSeconds(4.4).Ticks))] = 1,
            },
            stored.Where(s => s.Key.Dimension == ReportDimension.All).ToDictionary());
        Assert.Equal(10, stored.Values.Sum());
        var speed = await App.Services.GetRequiredService<ReportQueries>().GetDeliverySpeedAsync(Day);
        Assert.Equal((1L, TimeSpan.FromSeconds(1.25), 1L, TimeSpan.FromSeconds(5)),
            (speed.Overall.SentCount, speed.Overall.SentP99, speed.Overall.DeliveredCount, speed.Overall.DeliveredP50));
    }

    [Fact]
    public async Task AMessageThatMovesOnLeavesItsOldBuckets()
    {
        // Delivered, then (WhatsApp) read: the read receipt's time replaces the report's, so the message leaves time to
        // delivered; its time to sent stays, moved to the carrier the report named.
        var uuid = Callbacks.NewUuid();
        var sent = Queued0.AddSeconds(2);
        Ok(await App.PostSignedAsync("/plivo/status", Form(uuid, "sent", 2, Queued0, sent, null, ("", ""), "14155550100", "whatsapp")));
        Ok(await App.PostSignedAsync("/plivo/status", Form(uuid, "delivered", 3, Queued0, sent, Queued0.AddSeconds(3), ("234", "10"), "14155550100", "whatsapp")));
        Ok(await App.PostSignedAsync("/plivo/status", Form(uuid, "read", 4, Queued0, sent, Queued0.AddSeconds(60), ("234", "10"), "14155550100", "whatsapp")));

        await using var db = App.CreateDb();
        var stored = await LatencyTruth.StoredAsync(db);
        var day = new DateOnly(2026, 11, 14);
        var twoSeconds = LatencyHistogram.BucketOf(TimeSpan.FromSeconds(2).Ticks);
        Assert.Equal(
            [(ReportDimension.All, ""), (ReportDimension.Type, "whatsapp"), (ReportDimension.Country, "GB"), (ReportDimension.Carrier, "234/10"), (ReportDimension.Sender, "14155550100")],
            stored.Select(s => (s.Key.Dimension, s.Key.Key)).Order());
        Assert.All(stored, s => Assert.Equal(((day, LatencyStage.ToSent, twoSeconds), 1L), ((s.Key.Day, s.Key.Stage, s.Key.Bucket), s.Value)));
        Assert.Equal(await LatencyTruth.FromRowsAsync(db), stored);
    }

    private static void AssertWithinOneBucket(IReadOnlyList<Message> rows, SpeedRow row)
    {
        var toSent = rows.Where(m => m.SentTime is not null).Select(m => m.SentTime!.Value - m.QueuedTime!.Value).ToList();
        var toDelivered = rows.Where(m => m.State == MessageState.Delivered).Select(m => m.DeliveryReportTime!.Value - m.QueuedTime!.Value).ToList();
        Assert.Equal((toSent.Count, toDelivered.Count), ((int)row.SentCount, (int)row.DeliveredCount));
        foreach (var (delays, p, reported) in new[]
        {
            (toSent, 50, row.SentP50), (toSent, 95, row.SentP95), (toSent, 99, row.SentP99),
            (toDelivered, 50, row.DeliveredP50), (toDelivered, 95, row.DeliveredP95), (toDelivered, 99, row.DeliveredP99),
        })
        {
            var exact = LatencyTruth.Percentile(delays, p);
            // The same bucket, reported as its upper edge: never below the exact value, at most 1.28× above it.
            Assert.Equal(LatencyHistogram.BucketOf(exact.Ticks), LatencyHistogram.BucketOf(reported!.Value.Ticks));
            Assert.InRange(reported.Value, exact, exact * 1.28);
        }
    }

    private static TimeSpan LogUniform(double roll, TimeSpan min, TimeSpan max) =>
        TimeSpan.FromTicks((long)(min.Ticks * Math.Pow((double)max.Ticks / min.Ticks, roll)));

    private async Task PostMessageAsync(string uuid, DateTime queued, DateTime? sent, DateTime? report, string final, (string Mcc, string Mnc) carrier,
        string from, bool carrierOnlyAtTheEnd)
    {
        var early = carrierOnlyAtTheEnd ? ("", "") : carrier;
        Ok(await App.PostSignedAsync("/plivo/status", Form(uuid, "queued", 1, queued, null, null, early, from)));
        if (final == "failed")
        {
            Ok(await App.PostSignedAsync("/plivo/status", Form(uuid, "failed", 2, queued, null, null, carrier, from, error: "900")));
            return;
        }

        Ok(await App.PostSignedAsync("/plivo/status", Form(uuid, "sent", 2, queued, sent, null, early, from)));
        Ok(await App.PostSignedAsync("/plivo/status", Form(uuid, final, 3, queued, sent, report, carrier, from, error: final == "undelivered" ? "30" : "000")));
    }

    private static List<KeyValuePair<string, string>> Form(string uuid, string status, int sequence, DateTime queued, DateTime? sent, DateTime? report,
        (string Mcc, string Mnc) carrier, string from, string type = "sms", string error = "") =>
        Callbacks.Status(uuid, status, sequence,
            ("Type", type), ("From", from), ("MCC", carrier.Mcc), ("MNC", carrier.Mnc), ("ErrorCode", error),
            ("MessageTime", PlivoTime.FormatCallback(queued)), ("QueuedTime", PlivoTime.FormatCallback(queued)),
            ("SentTime", sent is { } s ? PlivoTime.FormatCallback(s) : ""), ("DeliveryReportTime", report is { } r ? PlivoTime.FormatCallback(r) : ""));

    private static void Ok(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgreSqlLatencyHistogramTests : LatencyHistogramTests
{
    private string _connectionString = "";

    protected override async Task<ReportsFactory> CreateAppAsync()
    {
        _connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        return new PostgreSqlReportsFactory(_connectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await (await PostgresServer.GetAsync()).DropDatabaseAsync(_connectionString);
    }
}
