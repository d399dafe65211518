using Dashboard.Core.Reports;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Bench;

/// <summary>The report pages' queries (overview, errors, delivery speed, costs), timed beside the message log's.</summary>
internal static class ReportCases
{
    public static IEnumerable<(string Name, Func<Task> Run)> For(IDbContextFactory<DashboardDb> factory)
    {
        var time = TimeProvider.System;
        var reports = new ReportQueries(factory, time, Options.Create(new ReportsOptions()));
        var last30 = DayRange.LastDays(time, 30);
        var last90 = DayRange.LastDays(time, 90);
        return
        [
            ("overview totals, today", () => reports.GetSummaryAsync(DayRange.Today(time))),
            ("overview throughput, last 15 min", () => reports.GetThroughputAsync(DateTime.UtcNow.AddMinutes(-15))),
            ("overview top errors, last hour", () => reports.GetRecentErrorsAsync()),
            ("error breakdown, 30 days", () => reports.GetErrorReportAsync(last30)),
            ("error breakdown, 90 days", () => reports.GetErrorReportAsync(last90)),
            ("delivery speed p50/p95/p99, 7 days", () => reports.GetDeliverySpeedAsync(DayRange.LastDays(time, 7))),
            ("delivery speed p50/p95/p99, 90 days", () => reports.GetDeliverySpeedAsync(last90)),
            ("overview median time to delivery, 7 days", () => reports.GetMedianTimeToDeliveryAsync(DayRange.LastDays(time, 7))),
            ("cost totals by day, month to date", () => reports.GetCostReportAsync(DayRange.MonthToDate(time), CostPeriod.Day)),
            ("cost totals by month, 90 days", () => reports.GetCostReportAsync(last90, CostPeriod.Month)),
        ];
    }
}
