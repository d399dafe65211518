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
/// and a delivery-speed tab (percentiles over Messages, computed on demand). Filters: <c>from</c>, <c>to</c>, <c>tab</c>.
/// </summary>
public sealed partial class ErrorsPage : IDisposable
{
    /// <summary>The breakdown re-reads the rollup at most every two seconds under live traffic.</summary>
    private static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(2);

    private DayRange _range;
    private bool _speedTab;
    private ErrorReport? _report;
    private DayPoint[] _days = [];
    private DeliverySpeedReport? _speed;
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
    public required ILogger<ErrorsPage> Logger { get; init; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    /// <summary><c>speed</c> opens the delivery-speed tab.</summary>
    [SupplyParameterFromQuery(Name = "tab")]
    public string? Tab { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        DayRange.TryParse(From, To, DayRange.LastDays(Time, 7), out _range, out _);
        _speedTab = string.Equals(Tab, "speed", StringComparison.OrdinalIgnoreCase);
        if (RendererInfo.IsInteractive)
        {
            _live ??= LiveBatches.Start(Feed, LiveInterval, batch => InvokeAsync(() => ApplyAsync(batch)), Logger);
        }

        if (_speedTab)
        {
            _speed = await Reports.GetDeliverySpeedAsync(_range);
        }
        else
        {
            await LoadReportAsync();
        }
    }

    private async Task LoadReportAsync()
    {
        _report = await Reports.GetErrorReportAsync(_range);
        _days = [.. _report.ByDay.Select(d => new DayPoint(d.Day.ToString("d MMM", CultureInfo.InvariantCulture), d.Failed, d.Undelivered))];
    }

    /// <summary>Re-reads the breakdown (a handful of rollup rows) when the batch can change it; speed stays as computed.</summary>
    private async Task ApplyAsync(IReadOnlyList<MessageChange> batch)
    {
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        if (_speedTab || today < _range.From || today > _range.To || !batch.Any(c => c.Direction == MessageDirection.Outbound))
        {
            return;
        }

        await LoadReportAsync();
        StateHasChanged();
    }

    private void OnRangeChanged(DayRange range) => Navigate(range, _speedTab);

    private void OnTabChanged(int index) => Navigate(_range, index == 1);

    private void Navigate(DayRange range, bool speed) =>
        Navigation.NavigateTo(QueryHelpers.AddQueryString("/errors", new Dictionary<string, string?>
        {
            ["from"] = DayRange.Format(range.From),
            ["to"] = DayRange.Format(range.To),
            ["tab"] = speed ? "speed" : null,
        }.Where(p => p.Value is not null)));

    public void Dispose() => _live?.Dispose();

    private sealed record DayPoint(string Day, long Failed, long Undelivered);
}
