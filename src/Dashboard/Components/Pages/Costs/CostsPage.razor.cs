using System.Globalization;
using Dashboard.Components.Shared;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Components.Pages.Costs;

/// <summary>
/// Spend for managers from the rollup: by day/week/month and every dimension, money lost on failures, the month-end
/// projection, and a CSV of exactly this (<c>/api/reports/costs.csv</c> with the same query). Filters: <c>from</c>,
/// <c>to</c>, <c>group</c>.
/// </summary>
public sealed partial class CostsPage
{
    /// <summary>Costs change slowly to the eye: re-read the rollup at most every five seconds under live traffic.</summary>
    private static readonly TimeSpan LiveEvery = TimeSpan.FromSeconds(5);

    private CostPeriod _period;
    private CostReport? _report;
    private string[] _chartDays = [];
    private string[] _chartLabels = [];
    private ChartLine[] _chartLines = [];
    private int _projectedDays;

    /// <summary>SMS, MMS, WhatsApp, then the projected rest of the month in grey.</summary>
    private static readonly string[] SpendPalette = ["#1e88e5", "#8e24aa", "#43a047", "#9e9e9e"];

    private static readonly string[] Types = ["sms", "mms", "whatsapp"];

    /// <summary><c>day</c>, <c>week</c> or <c>month</c>.</summary>
    [SupplyParameterFromQuery(Name = "group")]
    public string? Group { get; set; }

    private string CsvUrl => Url("/api/reports/costs.csv", Range, _period);

    private string MessagesCsvUrl => QueryHelpers.AddQueryString("/api/reports/costs/messages.csv", new Dictionary<string, string?>
    {
        ["from"] = DayRange.Format(Range.From),
        ["to"] = DayRange.Format(Range.To),
    });

    protected override TimeSpan LiveInterval => LiveEvery;

    protected override DayRange DefaultRange => ViewerMonthToDate();

    protected override async Task LoadAsync()
    {
        CostReport.TryParsePeriod(Group, out _period);
        _report = await Reports.GetCostReportAsync(Range, _period);
        SetChart(_report);
    }

    protected override async Task ApplyAsync(IReadOnlyList<MessageChange> batch)
    {
        // Amounts arrive with status callbacks; the projection always covers the current month.
        if (batch.Any(c => c.TotalAmount is > 0 || c.Created))
        {
            await LoadAsync();
            StateHasChanged();
        }
    }

    /// <summary>
    /// Spend per day of the range by type; when the range ends today, the rest of the current month follows as
    /// projected days (the projection's remainder spread evenly), so the month-end projection stands against the spend.
    /// </summary>
    private void SetChart(CostReport report)
    {
        var today = DateOnly.FromDateTime(Now);
        var p = report.Projection;
        var monthEnd = p.Month.AddMonths(1).AddDays(-1);
        var days = Enumerable.Range(0, Range.Days).Select(i => Range.From.AddDays(i)).ToList();
        _projectedDays = Range.To == today && Range.Contains(p.Month.AddDays(Math.Max(0, today.Day - 1))) ? monthEnd.DayNumber - today.DayNumber : 0;
        var future = Enumerable.Range(1, _projectedDays).Select(today.AddDays).ToList();
        var perDay = _projectedDays == 0 ? 0 : PlivoAmount.ToDecimal(p.Projected - p.SpentSoFar) / _projectedDays;
        _chartDays = [.. days.Concat(future).Select(d => d.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture) + (d > today ? " (projected)" : ""))];
        _chartLabels = [.. days.Concat(future).Select(d => d.ToString("d MMM", CultureInfo.InvariantCulture))];
        double? Spent(DateOnly day, string type) => (double)PlivoAmount.ToDecimal(report.TypesByDay.Where(t => t.Day == day && t.Type == type).Sum(t => t.Amount));
        _chartLines =
        [
            .. Types.Select(type => new ChartLine(ReportQueries.TypeLabel(type), [.. days.Select(d => Spent(d, type)), .. future.Select(_ => (double?)0)])),
            .. _projectedDays > 0 ? [new ChartLine("Projected", [.. days.Select(_ => (double?)0), .. future.Select(_ => (double?)perDay)])] : Array.Empty<ChartLine>(),
        ];
    }

    private void OnRangeChanged(DayRange range) => Navigation.NavigateTo(Url("/costs", range, _period));

    private void OnPeriodChanged(CostPeriod period) => Navigation.NavigateTo(Url("/costs", Range, period));

    private static string Url(string path, DayRange range, CostPeriod period) =>
        QueryHelpers.AddQueryString(path, new Dictionary<string, string?>
        {
            ["from"] = DayRange.Format(range.From),
            ["to"] = DayRange.Format(range.To),
            ["group"] = CostReport.Name(period),
        });
}
