using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Reports;

/// <summary>Totals and breakdowns on the seeded messages (see <see cref="SeededReports"/> for the table).</summary>
[Collection(SeededReportsCollection.Name)]
public class ReportQueriesTests(SeededReports seeded)
{
    private static readonly DayRange Seeded = new(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 15));

    private ReportQueries Reports => seeded.App.Services.GetRequiredService<ReportQueries>();

    [Fact]
    public async Task SummaryCountsOutcomesUnitsAndSpendFromTheRollup()
    {
        var summary = await Reports.GetSummaryAsync(new DayRange(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 16)));

        Assert.Equal(new TrafficSummary(Sent: 10, Delivered: 5, Undelivered: 2, Failed: 2, Pending: 1, Inbound: 1, Units: 14, Amount: 10_100), summary);
        Assert.Equal(5.0 / 9, summary.DeliveryRate!.Value, 10);
    }

    [Fact]
    public async Task TodayHoldsOnlyTheInboundMessageStoredAtTheClocksNow()
    {
        var summary = await Reports.GetSummaryAsync(DayRange.Today(new FixedClock(ReportsFactory.Now)));

        Assert.Equal(new TrafficSummary(0, 0, 0, 0, 0, Inbound: 1, Units: 1, Amount: 0), summary);
        Assert.Null(summary.DeliveryRate);
    }

    [Fact]
    public async Task ErrorReportBreaksFailuresDownByCodeCarrierCountryTypeAndDay()
    {
        var report = await Reports.GetErrorReportAsync(Seeded);

        Assert.Equal((10L, 2L, 2L), (report.Outbound, report.Failed, report.Undelivered));
        Assert.Equal(
            [("30", "Spam detected", 0L, 2L), ("900", "Insufficient credit", 2L, 0L)],
            report.ByErrorCode.Select(b => (b.Key, b.Label, b.Failed, b.Undelivered)));
        Assert.Equal([new KeyValuePair<string, string>("error_code", "30")], report.ByErrorCode[0].LogFilter!.ToQuery());
        Assert.Equal(
            [("", "No carrier reported", 2L, 0L, 2L), ("262/01", "Telekom", 0L, 1L, 1L), ("310/410", "AT&T", 0L, 1L, 4L)],
            report.ByCarrier.Select(b => (b.Key, b.Label, b.Failed, b.Undelivered, b.Outbound)));
        Assert.Null(report.ByCarrier[0].LogFilter);
        Assert.Equal([new KeyValuePair<string, string>("mcc", "310"), new("mnc", "410")], report.ByCarrier[2].LogFilter!.ToQuery());
        Assert.Equal(0.25, report.ByCarrier[2].ErrorRate);
        Assert.Equal(
            [("DE", "Germany", 1L, 1L, 2L), ("GB", "United Kingdom", 1L, 0L, 3L), ("US", "United States", 0L, 1L, 5L)],
            report.ByCountry.Select(b => (b.Key, b.Label, b.Failed, b.Undelivered, b.Outbound)));
        Assert.Equal([("sms", "SMS", 2L, 2L, 7L)], report.ByType.Select(b => (b.Key, b.Label, b.Failed, b.Undelivered, b.Outbound)));
        Assert.Equal(
            [(10, 1L, 1L, 4L), (11, 0L, 0L, 0L), (12, 0L, 0L, 3L), (13, 0L, 0L, 0L), (14, 0L, 0L, 0L), (15, 1L, 1L, 3L)],
            report.ByDay.Select(d => (d.Day.Day, d.Failed, d.Undelivered, d.Outbound)));
    }

    [Fact]
    public async Task ErrorReportOfAQuietRangeIsEmpty()
    {
        var report = await Reports.GetErrorReportAsync(new DayRange(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 3)));

        Assert.True(report.IsEmpty);
        Assert.Empty(report.ByErrorCode);
        Assert.Equal(3, report.ByDay.Count);
    }

    [Fact]
    public async Task CostReportTotalsEveryDimensionWithUnits()
    {
        var report = await Reports.GetCostReportAsync(Seeded, CostPeriod.Day);

        Assert.Equal(new CostRow("total", "Total", 10, 13, 10_100), report.Total);
        Assert.Equal(
            [("2026-11-10", 4L, 5L, 2_600L), ("2026-11-11", 0L, 0L, 0L), ("2026-11-12", 3L, 3L, 4_800L),
             ("2026-11-13", 0L, 0L, 0L), ("2026-11-14", 0L, 0L, 0L), ("2026-11-15", 3L, 5L, 2_700L)],
            report.ByPeriod.Select(r => (r.Key, r.Messages, r.Units, r.Amount)));
        Assert.Equal([("sms", 7L, 10L, 5_300L), ("whatsapp", 2L, 2L, 2_800L), ("mms", 1L, 1L, 2_000L)], Rows(report.ByType));
        Assert.Equal([("outbound", 10L, 13L, 10_100L)], Rows(report.ByDirection));
        Assert.Equal([("US", 5L, 8L, 6_550L), ("GB", 3L, 3L, 2_800L), ("DE", 2L, 2L, 750L)], Rows(report.ByCountry));
        Assert.Equal([("", 7L, 8L, 5_350L), (SeededReports.Powerpack, 3L, 5L, 4_750L)], Rows(report.ByPowerpack));
        Assert.Equal([("marketing", 1L, 1L, 1_400L), ("utility", 1L, 1L, 1_400L)], Rows(report.ByConversationOrigin));
        Assert.Equal([("30", 2L, 2L, 1_400L), ("900", 2L, 2L, 0L)], Rows(report.WastedByErrorCode));
        Assert.Equal([("262/01", 1L, 1L, 750L), ("310/410", 1L, 1L, 650L), ("", 2L, 2L, 0L)], Rows(report.WastedByCarrier));
        Assert.Equal(1_400, report.Wasted);
    }

    [Fact]
    public async Task CostReportGroupsByIsoWeekAndMonth()
    {
        var weeks = await Reports.GetCostReportAsync(Seeded, CostPeriod.Week);
        var months = await Reports.GetCostReportAsync(new DayRange(new DateOnly(2026, 10, 20), new DateOnly(2026, 11, 16)), CostPeriod.Month);

        Assert.Equal([("2026-11-09", "2026-W46 (from 9 Nov)", 10L, 13L, 10_100L)], weeks.ByPeriod.Select(r => (r.Key, r.Label, r.Messages, r.Units, r.Amount)));
        Assert.Equal([("2026-10", 0L, 0L), ("2026-11", 11L, 10_100L)], months.ByPeriod.Select(r => (r.Key, r.Messages, r.Amount)));
    }

    [Fact]
    public async Task MonthEndProjectionExtrapolatesTheMonthToDateAtItsRate()
    {
        var report = await Reports.GetCostReportAsync(Seeded, CostPeriod.Day);

        // Fifteen of November's thirty days have passed at the clock's now: the projection doubles the spend so far.
        Assert.Equal(new MonthEndProjection(new DateOnly(2026, 11, 1), 10_100, 20_200, 15, 30), report.Projection);
    }

    [Fact]
    public async Task DeliverySpeedGivesNearestRankPercentilesOverallAndByGroupToTheBucket()
    {
        var speed = await Reports.GetDeliverySpeedAsync(Seeded);

        // Each value is the upper edge of the bucket holding the exact nearest-rank value: 1 s, 2 s, 2.5 s and 4 s are
        // edges themselves; 3 s reads 3.15 s and 7 s reads 8 s (LatencyHistogram).
        Assert.Equal(Seeded, speed.Range);
        Assert.Equal(Row("", 8, 1, 4, 4, 4, 2.5, 8, 8), Times(speed.Overall));
        var att = Assert.Single(speed.ByCarrier, r => r.Key == "310/410");
        Assert.Equal(Row("310/410", 4, 1, 2, 2, 3, 3.15, 8, 8), Times(att));
        Assert.Equal("AT&T", att.Label);
        Assert.Equal(Row("14155550101", 1, 3.15, 3.15, 3.15, 0, null, null, null), Times(Assert.Single(speed.BySender, r => r.Key == "14155550101")));
        Assert.Equal(Row("14155550100", 7, 1, 4, 4, 4, 2.5, 8, 8), Times(Assert.Single(speed.BySender, r => r.Key == "14155550100")));
        Assert.Equal(Row("DE", 1, 4, 4, 4, 0, null, null, null), Times(Assert.Single(speed.ByCountry, r => r.Key == "DE")));
    }

    [Fact]
    public async Task DeliverySpeedGivesEachDayOfTheRangeItsOwnPercentiles()
    {
        var speed = await Reports.GetDeliverySpeedAsync(Seeded);

        Assert.Equal(6, speed.ByDay.Count);
        Assert.Equal(
            [(10, Row("", 3, 1, 2, 2, 2, 3.15, 8, 8)), (12, Row("", 3, 0.5, 3.15, 3.15, 1, 2.5, 2.5, 2.5)), (15, Row("", 2, 1, 4, 4, 1, 2, 2, 2))],
            speed.ByDay.Where(d => !d.Speed.SentCount.Equals(0L)).Select(d => (d.Day.Day, Times(d.Speed))));
    }

    [Fact]
    public async Task MedianTimeToDeliveryIsTheOverallP50()
    {
        var median = await Reports.GetMedianTimeToDeliveryAsync(Seeded);

        Assert.Equal(TimeSpan.FromSeconds(2.5), median);
    }

    [Fact]
    public async Task RecentErrorsCountTheLastHourByCode()
    {
        var recent = await Reports.GetRecentErrorsAsync();

        Assert.Equal([("30", 0L, 1L), ("900", 1L, 0L)], recent.Select(e => (e.Code.Code, e.Failed, e.Undelivered)));
    }

    [Fact]
    public async Task ThroughputCountsNewMessagesPerMinuteWithEmptyMinutes()
    {
        var points = await Reports.GetThroughputAsync(ReportsFactory.Now.UtcDateTime.AddMinutes(-14));

        Assert.Equal(15, points.Count);
        Assert.Equal(new DateTime(2026, 11, 15, 23, 46, 0, DateTimeKind.Utc), points[0].Minute);
        Assert.Equal(
            [("23:50", 1L, 0L), ("23:52", 1L, 0L), ("23:55", 1L, 0L), ("00:00", 0L, 1L)],
            points.Where(p => p.Outbound + p.Inbound > 0).Select(p => (p.Minute.ToString("HH:mm"), p.Outbound, p.Inbound)));
    }

    private static (string, long, long, long)[] Rows(IEnumerable<CostRow> rows) => [.. rows.Select(r => (r.Key, r.Messages, r.Units, r.Amount))];

    private static (string Key, long SentCount, double? SentP50, double? SentP95, double? SentP99, long DeliveredCount, double? DeliveredP50, double? DeliveredP95, double? DeliveredP99) Row(
        string key, long sent, double? sent50, double? sent95, double? sent99, long delivered, double? delivered50, double? delivered95, double? delivered99) =>
        (key, sent, sent50, sent95, sent99, delivered, delivered50, delivered95, delivered99);

    private static (string, long, double?, double?, double?, long, double?, double?, double?) Times(SpeedRow r) =>
        (r.Key, r.SentCount, r.SentP50?.TotalSeconds, r.SentP95?.TotalSeconds, r.SentP99?.TotalSeconds,
         r.DeliveredCount, r.DeliveredP50?.TotalSeconds, r.DeliveredP95?.TotalSeconds, r.DeliveredP99?.TotalSeconds);
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgreSqlSeededReportsCollection.Name)]
public sealed class PostgreSqlReportQueriesTests(PostgreSqlSeededReports seeded) : ReportQueriesTests(seeded);
