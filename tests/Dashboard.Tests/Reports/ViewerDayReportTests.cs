using Dashboard.Core.Reports;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Reports;

/// <summary>The overview's viewer-day reads (ADR-010) on the seeded messages (see <see cref="SeededReports"/>).</summary>
[Collection(SeededReportsCollection.Name)]
public class ViewerDayReportTests(SeededReports seeded)
{
    private ReportQueries Reports => seeded.App.Services.GetRequiredService<ReportQueries>();

    private static DateTime Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public async Task AViewerEastOfUtcHasTheLastHourOfTheUtcDayBeforeInTheirToday()
    {
        // 16 November in UTC+1: 15 Nov 23:00 to 16 Nov 23:00 UTC holds H, K, I (23:50-23:55) and the inbound J.
        var summary = await Reports.GetSummaryAsync(Utc(15, 23), Utc(16, 23));

        Assert.Equal(new TrafficSummary(Sent: 3, Delivered: 1, Undelivered: 1, Failed: 1, Pending: 0, Inbound: 1, Units: 6, Amount: 2_700), summary);
    }

    [Fact]
    public async Task AViewerWestOfUtcLosesTheUtcMorningAndGainsTheNextNight()
    {
        // 10 November 10:30 to 11 November 10:30 UTC: B, C and D, not A (10:00).
        var summary = await Reports.GetSummaryAsync(Utc(10, 10, 30), Utc(11, 10, 30));

        Assert.Equal(new TrafficSummary(Sent: 3, Delivered: 1, Undelivered: 1, Failed: 1, Pending: 0, Inbound: 0, Units: 4, Amount: 1_950), summary);
    }

    [Fact]
    public async Task WholeUtcDaysReadTheSameAsTheRollup()
    {
        var spanned = await Reports.GetSummaryAsync(Utc(10, 0), Utc(16, 0));

        Assert.Equal(await Reports.GetSummaryAsync(new DayRange(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 15))), spanned);
    }

    [Fact]
    public async Task MessagesPerMinuteAreCountedByTheStateEachIsInNow()
    {
        var minutes = await Reports.GetOutcomesPerMinuteAsync(ReportsFactory.Now.UtcDateTime.AddMinutes(-59));

        Assert.Equal(60, minutes.Count);
        Assert.Equal(
            [("23:50", Outcome.Undelivered), ("23:52", Outcome.Delivered), ("23:55", Outcome.Failed), ("00:00", Outcome.Received)],
            minutes.Where(m => m.Counts.Sum() > 0).Select(m => (m.Minute.ToString("HH:mm"), (Outcome)m.Counts.ToList().IndexOf(1))));
    }

    [Fact]
    public async Task DeliveryRatePerHourCountsOnlyFinalOutcomes()
    {
        var hours = await Reports.GetDeliveryRatePerHourAsync(Utc(10, 0), 24);

        Assert.Equal(24, hours.Count);
        Assert.Equal([(10, 1.0), (11, 1.0), (12, 0.0), (13, 0.0)], hours.Where(h => h.Rate is not null).Select(h => (h.HourUtc.Hour, h.Rate!.Value)));
    }
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgreSqlSeededReportsCollection.Name)]
public sealed class PostgreSqlViewerDayReportTests(PostgreSqlSeededReports seeded) : ViewerDayReportTests(seeded);
