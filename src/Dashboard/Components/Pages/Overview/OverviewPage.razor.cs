using System.Globalization;
using Dashboard.Components.Pages.Messages;
using Dashboard.Components.Shared;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Reconciliation;
using Dashboard.Core.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Dashboard.Components.Pages.Overview;

/// <summary>
/// Support staff's glance: the counts, delivery rate, median delivery time and spend of the viewer's today (or of
/// the UTC days picked); messages per minute of the last hour by state; delivery rate per hour of the viewer's day;
/// the error codes hitting messages now. Loads once, then follows the live feed (ADR-010 says how "today" is read).
/// </summary>
public sealed partial class OverviewPage
{
    /// <summary>Re-render at most once a second, however many callbacks arrive.</summary>
    private static readonly TimeSpan LiveEvery = TimeSpan.FromSeconds(1);

    /// <summary>New messages are counted in memory; their state changes are picked up by a re-read this often.</summary>
    private static readonly TimeSpan MinutesRefresh = TimeSpan.FromSeconds(10);

    /// <summary>The median and the hourly rates read Messages: refresh them at most this often under live traffic.</summary>
    private static readonly TimeSpan SlowRefresh = TimeSpan.FromMinutes(1);

    private const int Minutes = 60;

    /// <summary>Delivered, on its way, undelivered, failed, received: mid-tones that read on light and dark surfaces.</summary>
    private static readonly string[] OutcomePalette = ["#43a047", "#1e88e5", "#fb8c00", "#e53935", "#8e24aa"];

    private static readonly string[] RatePalette = ["#43a047"];

    private TrafficSummary? _summary;
    private TimeSpan? _median;
    private int _silent;
    private DateTime _slowAt;
    private IReadOnlyList<OutcomeMinute> _minutes = [];
    private DateTime _minutesAt;
    private IReadOnlyList<HourRate> _hours = [];
    private IReadOnlyList<ErrorCodeCount> _errors = [];
    private DateTime _errorsSince;

    private string[] _minuteTimes = [];
    private string[] _minuteLabels = [];
    private ChartLine[] _minuteLines = [];
    private string[] _hourTimes = [];
    private string[] _hourLabels = [];
    private ChartLine[] _hourLines = [];

    [Inject]
    public required SilentMessages Silent { get; init; }

    [Inject]
    public required IOptionsMonitor<ReconciliationOptions> Reconciliation { get; init; }

    protected override TimeSpan LiveInterval => LiveEvery;

    private static string SilentLink => MessageLogLink.For(new MessageFilter { Silent = true });

    private string SilentText
    {
        get
        {
            var o = Reconciliation.CurrentValue;
            var messages = _silent == 1 ? "1 outbound message has" : $"{DisplayText.Count(_silent)} outbound messages have";
            var period = o.SilentAfterByType.Count == 0 ? $"in {DisplayText.Duration(o.SilentAfter)}" : "in their silent period";
            var asking = o.Enabled ? "Plivo is being asked about them." : "Reconciliation is off, so Plivo is not asked about them.";
            return $"{messages} had no final state {period}. {asking}";
        }
    }

    protected override DayRange DefaultRange => ViewerDays(1);

    /// <summary>No range asked for: the tiles are the viewer's own day, not UTC days.</summary>
    private bool IsViewerDay => From is null && To is null;

    private DateTime ViewerMidnight => Viewer.StartOfDayUtc(Now);

    private string PeriodName => IsViewerDay ? "today" : Range.ToString();

    private string PeriodText => IsViewerDay
        ? $"Today since 00:00 {Viewer.Offset(Now)} (your time)"
        : $"{Range}, whole UTC days";

    protected override async Task LoadAsync()
    {
        await LoadSummaryAsync();
        await LoadSlowAsync();
        await LoadMinutesAsync();
        await LoadErrorsAsync();
    }

    private async Task LoadSummaryAsync()
    {
        _summary = IsViewerDay ? await Reports.GetSummaryAsync(ViewerMidnight, ViewerMidnight.AddDays(1)) : await Reports.GetSummaryAsync(Range);
    }

    private async Task LoadSlowAsync()
    {
        _median = await Reports.GetMedianTimeToDeliveryAsync(Range);
        _silent = await Silent.CountAsync();
        // The hours of the viewer's day so far (a day has 23 to 25 of them around daylight-saving changes).
        _hours = await Reports.GetDeliveryRatePerHourAsync(ViewerMidnight, Math.Clamp((int)Math.Ceiling((Now - ViewerMidnight).TotalHours + 1e-9), 1, 25));
        _slowAt = Now;
        _hourTimes = [.. _hours.Select(h => $"{Viewer.ToLocal(h.HourUtc).ToString("HH:mm", CultureInfo.InvariantCulture)}–{Viewer.ToLocal(h.HourUtc.AddHours(1)).ToString("HH:mm", CultureInfo.InvariantCulture)} {Viewer.Offset(h.HourUtc)}")];
        _hourLabels = [.. _hours.Select(h => Viewer.ToLocal(h.HourUtc).ToString("HH", CultureInfo.InvariantCulture) + "h")];
        _hourLines = [new ChartLine("Delivery rate", [.. _hours.Select(h => h.Rate * 100)])];
    }

    private async Task LoadMinutesAsync()
    {
        SetMinutes(await Reports.GetOutcomesPerMinuteAsync(Now.AddMinutes(1 - Minutes)));
        _minutesAt = Now;
    }

    private async Task LoadErrorsAsync()
    {
        _errorsSince = Now - Reports.Options.RecentErrorsWindow;
        _errors = await Reports.GetRecentErrorsAsync();
    }

    /// <summary>
    /// One throttled batch: new messages are added to their minute in memory; the tiles re-read the rollup (and the
    /// viewer's day at most every few seconds), the slower reads at most once a minute, the errors only for failures.
    /// </summary>
    protected override async Task ApplyAsync(IReadOnlyList<MessageChange> batch)
    {
        if (Now - _minutesAt >= MinutesRefresh)
        {
            await LoadMinutesAsync();
        }
        else
        {
            SetMinutes(Advance(_minutes, batch, Now));
        }

        var today = DateOnly.FromDateTime(Now);
        // Every batch: a throttle here would drop the last change of a burst until the next one came.
        if (IsViewerDay || Range.Contains(today))
        {
            await LoadSummaryAsync();
        }

        if (Now - _slowAt >= SlowRefresh)
        {
            await LoadSlowAsync();
        }

        if (batch.Any(c => c.State is MessageState.Failed or MessageState.Undelivered))
        {
            await LoadErrorsAsync();
        }

        StateHasChanged();
    }

    /// <summary>Adds the batch's new messages to their minutes (under their state now) and slides the hour to end at <paramref name="now"/>.</summary>
    internal static IReadOnlyList<OutcomeMinute> Advance(IReadOnlyList<OutcomeMinute> minutes, IReadOnlyList<MessageChange> batch, DateTime now)
    {
        var byMinute = minutes.ToDictionary(m => m.Minute, m => m.Counts.ToArray());
        foreach (var change in batch.Where(c => c.Created))
        {
            var minute = ThroughputPoint.MinuteOf(change.At);
            if (!byMinute.TryGetValue(minute, out var counts))
            {
                byMinute[minute] = counts = new long[Enum.GetValues<Outcome>().Length];
            }

            counts[(int)ReportQueries.OutcomeOf(change.Direction, change.State)]++;
        }

        var end = ThroughputPoint.MinuteOf(now);
        return [.. Enumerable.Range(0, Minutes).Select(i => end.AddMinutes(i + 1 - Minutes))
            .Select(minute => new OutcomeMinute(minute, byMinute.GetValueOrDefault(minute) ?? new long[Enum.GetValues<Outcome>().Length]))];
    }

    private void SetMinutes(IReadOnlyList<OutcomeMinute> minutes)
    {
        _minutes = minutes;
        _minuteTimes = [.. minutes.Select(m => Viewer.Format(m.Minute, TimePrecision.Minutes))];
        _minuteLabels = [.. minutes.Select(m => Viewer.ToLocal(m.Minute).ToString("HH:mm", CultureInfo.InvariantCulture))];
        _minuteLines = [.. Enum.GetValues<Outcome>().Select(o => new ChartLine(OutcomeName(o), [.. minutes.Select(m => (double?)m.Counts[(int)o])]))];
    }

    private static string OutcomeName(Outcome outcome) => outcome switch
    {
        Outcome.Awaiting => "On its way",
        Outcome.Received => "Received (inbound)",
        _ => outcome.ToString(),
    };

    private void OnRangeChanged(DayRange range) =>
        Navigation.NavigateTo(QueryHelpers.AddQueryString("/", new Dictionary<string, string?>
        {
            ["from"] = DayRange.Format(range.From),
            ["to"] = DayRange.Format(range.To),
        }));
}
