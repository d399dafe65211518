using Dashboard.Core.Live;
using Dashboard.Core.Reports;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>
/// What the report pages (overview, errors, costs) share: the services they read, the <c>from</c>/<c>to</c> day
/// range in the query string, and a throttled live subscription started once the circuit is interactive (prerendering
/// has no circuit) — subscribed before loading, so nothing committed while the queries run is missed.
/// </summary>
public abstract class ReportPageBase : ComponentBase, IDisposable
{
    private LiveBatches? _live;

    [Inject]
    public required ReportQueries Reports { get; init; }

    [Inject]
    public required LiveFeed Feed { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The viewer's zone: "today" and the default ranges start at the viewer's midnight (ADR-010).</summary>
    [Inject]
    public required ViewerTime Viewer { get; init; }

    [Inject]
    public required ILoggerFactory LoggerFactory { get; init; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    /// <summary>The days shown: the query string's, or <see cref="DefaultRange"/>.</summary>
    protected DayRange Range { get; private set; }

    /// <summary>Why the query string's range was not taken (<see cref="DayRange.Check"/>), shown next to the range picker.</summary>
    protected string? RangeError { get; private set; }

    protected DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The UTC days (the rollups' unit) that cover the viewer's last <paramref name="days"/> days, today included:
    /// from the UTC day of the viewer's first midnight to the UTC day of now (ADR-010).
    /// </summary>
    protected DayRange ViewerDays(int days) =>
        new(DateOnly.FromDateTime(Viewer.StartOfDayUtc(Viewer.StartOfDayUtc(Now).AddDays(1 - Math.Max(1, days)).AddHours(12))), DateOnly.FromDateTime(Now));

    /// <summary>The UTC days that cover the viewer's month so far.</summary>
    protected DayRange ViewerMonthToDate()
    {
        var local = Viewer.ToLocal(Now);
        return ViewerDays(local.Day);
    }

    /// <summary>How often at most a burst of live changes reaches <see cref="ApplyAsync"/>.</summary>
    protected abstract TimeSpan LiveInterval { get; }

    protected abstract DayRange DefaultRange { get; }

    /// <summary>Reads the page's other query parameters and loads its report for <see cref="Range"/>.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Applies one throttled batch of live changes (re-reading only what the batch can change).</summary>
    protected abstract Task ApplyAsync(IReadOnlyList<MessageChange> batch);

    protected override async Task OnParametersSetAsync()
    {
        DayRange.TryParse(From, To, DefaultRange, Time, out var range, out var error);
        Range = range;
        RangeError = error;
        if (RendererInfo.IsInteractive)
        {
            _live ??= LiveBatches.Start<MessageChange>(Feed, LiveInterval, batch => InvokeAsync(() => ApplyAsync(batch)), LoggerFactory.CreateLogger(GetType()));
        }

        await LoadAsync();
    }

    public void Dispose()
    {
        _live?.Dispose();
        GC.SuppressFinalize(this);
    }
}
