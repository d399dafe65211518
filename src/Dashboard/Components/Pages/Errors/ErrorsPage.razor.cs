using System.Globalization;
using Dashboard.Components.Shared;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Components.Pages.Errors;

/// <summary>
/// Failed and undelivered messages broken down by error code, carrier, country, type and day (from the rollup),
/// and a delivery-speed tab (percentiles from the latency histograms, read when the tab opens). Filters: <c>from</c>, <c>to</c>, <c>tab</c>.
/// </summary>
public sealed partial class ErrorsPage
{
    /// <summary>The breakdown re-reads the rollup at most every two seconds under live traffic.</summary>
    private static readonly TimeSpan LiveEvery = TimeSpan.FromSeconds(2);

    private bool _speedTab;
    private ErrorReport? _report;
    private string[] _dayNames = [];
    private string[] _dayLabels = [];
    private ChartLine[] _codeLines = [];
    private DeliverySpeedReport? _speed;
    private string[] _speedDayNames = [];
    private string[] _speedDayLabels = [];
    private ChartLine[] _speedLines = [];

    /// <summary><c>speed</c> opens the delivery-speed tab.</summary>
    [SupplyParameterFromQuery(Name = "tab")]
    public string? Tab { get; set; }

    protected override TimeSpan LiveInterval => LiveEvery;

    /// <summary>The chart shows this many codes by name; the rest add up to "Other codes".</summary>
    private const int TopCodes = 4;

    private static readonly string[] CodePalette = ["#e53935", "#fb8c00", "#8e24aa", "#1e88e5", "#757575"];

    /// <summary>Sent in blues, delivered in greens; the p95 lines lighter than the p50 ones.</summary>
    private static readonly string[] SpeedPalette = ["#1e88e5", "#64b5f6", "#43a047", "#81c784"];

    protected override DayRange DefaultRange => ViewerDays(7);

    protected override async Task LoadAsync()
    {
        _speedTab = string.Equals(Tab, "speed", StringComparison.OrdinalIgnoreCase);
        if (_speedTab)
        {
            _speed = await Reports.GetDeliverySpeedAsync(Range);
            (_speedDayNames, _speedDayLabels) = DayNames(_speed.ByDay.Select(d => d.Day));
            double? Seconds(TimeSpan? value) => value?.TotalSeconds;
            _speedLines =
            [
                new ChartLine("To sent · p50", [.. _speed.ByDay.Select(d => Seconds(d.Speed.SentP50))]),
                new ChartLine("To sent · p95", [.. _speed.ByDay.Select(d => Seconds(d.Speed.SentP95))]),
                new ChartLine("To delivered · p50", [.. _speed.ByDay.Select(d => Seconds(d.Speed.DeliveredP50))]),
                new ChartLine("To delivered · p95", [.. _speed.ByDay.Select(d => Seconds(d.Speed.DeliveredP95))]),
            ];
        }
        else
        {
            await LoadReportAsync();
        }
    }

    private async Task LoadReportAsync()
    {
        _report = await Reports.GetErrorReportAsync(Range);
        var days = _report.ByDay.Select(d => d.Day).ToList();
        (_dayNames, _dayLabels) = DayNames(days);
        var top = _report.ByErrorCode.Take(TopCodes).Select(b => b.Key).ToHashSet(StringComparer.Ordinal);
        double? Sum(DateOnly day, Func<string, bool> codes) => _report.CodesByDay.Where(c => c.Day == day && codes(c.Code)).Sum(c => c.Errors);
        _codeLines =
        [
            .. _report.ByErrorCode.Take(TopCodes).Select(b => new ChartLine(b.Key == "" ? "No code" : $"{b.Key} · {b.Label}", [.. days.Select(d => Sum(d, c => c == b.Key))])),
            .. _report.ByErrorCode.Count > TopCodes ? [new ChartLine("Other codes", [.. days.Select(d => Sum(d, c => !top.Contains(c)))])] : Array.Empty<ChartLine>(),
        ];
    }

    /// <summary>A chart's categories (the day in full) and x labels (short) for its days.</summary>
    private static (string[] Names, string[] Labels) DayNames(IEnumerable<DateOnly> days) =>
    (
        [.. days.Select(d => d.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture))],
        [.. days.Select(d => d.ToString("d MMM", CultureInfo.InvariantCulture))]
    );

    /// <summary>Re-reads the breakdown (a handful of rollup rows) when the batch can change it; speed stays as computed.</summary>
    protected override async Task ApplyAsync(IReadOnlyList<MessageChange> batch)
    {
        var today = DateOnly.FromDateTime(Now);
        if (_speedTab || today < Range.From || today > Range.To || !batch.Any(c => c.Direction == MessageDirection.Outbound))
        {
            return;
        }

        await LoadReportAsync();
        StateHasChanged();
    }

    private void OnRangeChanged(DayRange range) => Navigate(range, _speedTab);

    private void OnTabChanged(int index) => Navigate(Range, index == 1);

    private void Navigate(DayRange range, bool speed) =>
        Navigation.NavigateTo(QueryHelpers.AddQueryString("/errors", new Dictionary<string, string?>
        {
            ["from"] = DayRange.Format(range.From),
            ["to"] = DayRange.Format(range.To),
            ["tab"] = speed ? "speed" : null,
        }.Where(p => p.Value is not null)));
}
