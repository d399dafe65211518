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
    private ChartPoint[] _chart = [];

    /// <summary><c>day</c>, <c>week</c> or <c>month</c>.</summary>
    [SupplyParameterFromQuery(Name = "group")]
    public string? Group { get; set; }

    private string CsvUrl => Url("/api/reports/costs.csv", Range, _period);

    protected override TimeSpan LiveInterval => LiveEvery;

    protected override DayRange DefaultRange => DayRange.MonthToDate(Time);

    protected override async Task LoadAsync()
    {
        CostReport.TryParsePeriod(Group, out _period);
        _report = await Reports.GetCostReportAsync(Range, _period);
        _chart = [.. _report.ByPeriod.Select(r => new ChartPoint(ChartLabel(r), PlivoAmount.ToDecimal(r.Amount)))];
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

    /// <summary>Short axis labels: "9 Nov" for days and weeks (the week's Monday), "Nov 2026" for months.</summary>
    private string ChartLabel(CostRow row) => _period == CostPeriod.Month || !DateOnly.TryParse(row.Key, CultureInfo.InvariantCulture, out var day)
        ? row.Label
        : day.ToString("d MMM", CultureInfo.InvariantCulture);

    private void OnRangeChanged(DayRange range) => Navigation.NavigateTo(Url("/costs", range, _period));

    private void OnPeriodChanged(CostPeriod period) => Navigation.NavigateTo(Url("/costs", Range, period));

    private static string Url(string path, DayRange range, CostPeriod period) =>
        QueryHelpers.AddQueryString(path, new Dictionary<string, string?>
        {
            ["from"] = DayRange.Format(range.From),
            ["to"] = DayRange.Format(range.To),
            ["group"] = CostReport.Name(period),
        });

    private sealed record ChartPoint(string Period, decimal Amount);
}
