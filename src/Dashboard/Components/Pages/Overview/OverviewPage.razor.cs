using Dashboard.Components.Shared;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Components.Pages.Overview;

/// <summary>
/// Support staff's glance: the range's counts, delivery rate, median delivery time and spend; throughput of the
/// last minutes; the error codes hitting messages now. Loads once, then follows the live feed.
/// </summary>
public sealed partial class OverviewPage
{
    /// <summary>Re-render at most once a second, however many callbacks arrive.</summary>
    private static readonly TimeSpan LiveEvery = TimeSpan.FromSeconds(1);

    /// <summary>The median reads Messages (not the rollup): refresh it at most this often under live traffic.</summary>
    private static readonly TimeSpan MedianRefresh = TimeSpan.FromMinutes(1);

    private const int ThroughputMinutes = 15;

    private TrafficSummary? _summary;
    private TimeSpan? _median;
    private DateTime _medianAt;
    private IReadOnlyList<ThroughputPoint> _throughput = [];
    private IReadOnlyList<ErrorCodeCount> _errors = [];
    private DateTime _errorsSince;

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    protected override TimeSpan LiveInterval => LiveEvery;

    protected override DayRange DefaultRange => DayRange.Today(Time);

    protected override async Task LoadAsync()
    {
        _summary = await Reports.GetSummaryAsync(Range);
        _median = await Reports.GetMedianTimeToDeliveryAsync(Range);
        _medianAt = Now;
        _throughput = await Reports.GetThroughputAsync(Now.AddMinutes(1 - ThroughputMinutes));
        await LoadErrorsAsync();
    }

    private async Task LoadErrorsAsync()
    {
        _errorsSince = Now - Reports.Options.RecentErrorsWindow;
        _errors = await Reports.GetRecentErrorsAsync();
    }

    /// <summary>
    /// One throttled batch: throughput is counted in memory; the tiles re-read the small rollup once per batch (only
    /// when the range includes today), the recent errors only when the batch holds a failure.
    /// </summary>
    protected override async Task ApplyAsync(IReadOnlyList<MessageChange> batch)
    {
        _throughput = Advance(_throughput, batch, Now);
        var today = DateOnly.FromDateTime(Now);
        if (Range.From <= today && today <= Range.To)
        {
            _summary = await Reports.GetSummaryAsync(Range);
            if (Now - _medianAt >= MedianRefresh)
            {
                _median = await Reports.GetMedianTimeToDeliveryAsync(Range);
                _medianAt = Now;
            }
        }

        if (batch.Any(c => c.State is MessageState.Failed or MessageState.Undelivered))
        {
            await LoadErrorsAsync();
        }

        StateHasChanged();
    }

    /// <summary>Adds the batch's new messages to their minutes and slides the window to end at <paramref name="now"/>.</summary>
    internal static IReadOnlyList<ThroughputPoint> Advance(IReadOnlyList<ThroughputPoint> points, IReadOnlyList<MessageChange> batch, DateTime now)
    {
        var end = ThroughputPoint.MinuteOf(now);
        var byMinute = points.ToDictionary(p => p.Minute);
        foreach (var change in batch.Where(c => c.Created))
        {
            var minute = ThroughputPoint.MinuteOf(change.At);
            var point = byMinute.GetValueOrDefault(minute) ?? new ThroughputPoint(minute, 0, 0);
            byMinute[minute] = change.Direction == MessageDirection.Inbound
                ? point with { Inbound = point.Inbound + 1 }
                : point with { Outbound = point.Outbound + 1 };
        }

        return [.. Enumerable.Range(0, ThroughputMinutes).Select(i => end.AddMinutes(i + 1 - ThroughputMinutes))
            .Select(minute => byMinute.GetValueOrDefault(minute) ?? new ThroughputPoint(minute, 0, 0))];
    }

    private void OnRangeChanged(DayRange range) =>
        Navigation.NavigateTo(QueryHelpers.AddQueryString("/", new Dictionary<string, string?>
        {
            ["from"] = DayRange.Format(range.From),
            ["to"] = DayRange.Format(range.To),
        }));

}
