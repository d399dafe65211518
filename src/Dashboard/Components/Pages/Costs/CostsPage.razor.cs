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
public sealed partial class CostsPage : IDisposable
{
    /// <summary>Costs change slowly to the eye: re-read the rollup at most every five seconds under live traffic.</summary>
    private static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(5);

    private DayRange _range;
    private CostPeriod _period;
    private CostReport? _report;
    private ChartPoint[] _chart = [];
    private LiveBatches? _live;

    [Inject]
    public required ReportQueries Reports { get; init; }

    [Inject]
    public required LiveFeed Feed { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILogger<CostsPage> Logger { get; init; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    /// <summary><c>day</c>, <c>week</c> or <c>month</c>.</summary>
    [SupplyParameterFromQuery(Name = "group")]
    public string? Group { get; set; }

    private string CsvUrl => Url("/api/reports/costs.csv", _range, _period);

    protected override async Task OnParametersSetAsync()
    {
        DayRange.TryParse(From, To, DayRange.MonthToDate(Time), out _range, out _);
        CostReport.TryParsePeriod(Group, out _period);
        if (RendererInfo.IsInteractive)
        {
            _live ??= LiveBatches.Start(Feed, LiveInterval, batch => InvokeAsync(() => ApplyAsync(batch)), Logger);
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _report = await Reports.GetCostReportAsync(_range, _period);
        _chart = [.. _report.ByPeriod.Select(r => new ChartPoint(ChartLabel(r), PlivoAmount.ToDecimal(r.Amount)))];
    }

    private async Task ApplyAsync(IReadOnlyList<MessageChange> batch)
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

    private void OnPeriodChanged(CostPeriod period) => Navigation.NavigateTo(Url("/costs", _range, period));

    private static string Url(string path, DayRange range, CostPeriod period) =>
        QueryHelpers.AddQueryString(path, new Dictionary<string, string?>
        {
            ["from"] = DayRange.Format(range.From),
            ["to"] = DayRange.Format(range.To),
            ["group"] = CostReport.Name(period),
        });

    public void Dispose() => _live?.Dispose();

    private sealed record ChartPoint(string Period, decimal Amount);
}
