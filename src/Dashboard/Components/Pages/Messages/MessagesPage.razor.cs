using Dashboard.Components.Shared;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace Dashboard.Components.Pages.Messages;

/// <summary>
/// The message log: a <see cref="MessageFilter"/> in the query string (back, forward and shared links work), a
/// bounded total count, keyset paging in either time order (the cursor is the last row's (MessageTime, Id), so the
/// next page is an index seek, never an OFFSET scan); a <see cref="MessageLogRow"/> per row. Live: visible rows
/// change state in place, and on the first page of the newest-first order new messages are read by their UUIDs and
/// patched in where they belong (the page is not read again); the stream can be paused.
/// </summary>
public sealed partial class MessagesPage : IDisposable
{
    public const int PageSize = 50;

    /// <summary>At most a few re-renders a second under any traffic.</summary>
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(150);

    /// <summary>The compact column: below MudBlazor's sm breakpoint (600 px) only.</summary>
    internal const string PhoneOnly = "d-sm-none";

    /// <summary>Every other column: from the sm breakpoint up, as on a desktop.</summary>
    internal const string WiderOnly = "d-none d-sm-table-cell";

    private MessageFilter? _filter;
    private bool _filtersOpen;
    private string _filterKey = "";
    private IReadOnlyList<string> _problems = [];
    private MessageCount? _count;
    private MessagePage? _page;
    private List<Message> _rows = [];

    // Until the page's rows are read the table shows a loading skeleton rather than "no rows".
    private bool _rowsLoading = true;
    private readonly Stack<MessageFilter> _history = new();
    private readonly HashSet<string> _new = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private bool _paused;
    private long _missed;
    private long _newer;
    private LiveBatches? _live;

    [Inject]
    public required MessageQueries Queries { get; init; }

    [Inject]
    public required LiveFeed Feed { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILogger<MessagesPage> Logger { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    // The router sets the page's parameters again when only the query changes; these few are what it watches.
    // The filter itself is read from the whole address (MessageFilter.Parse), so every name of the filter works.
    [SupplyParameterFromQuery(Name = MessageFilter.Names.Search)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = MessageFilter.Names.State)]
    public string? State { get; set; }

    [SupplyParameterFromQuery(Name = MessageFilter.Names.TimeGte)]
    public string? TimeGte { get; set; }

    [SupplyParameterFromQuery(Name = MessageFilter.Names.Before)]
    public string? Before { get; set; }

    [SupplyParameterFromQuery(Name = MessageFilter.Names.After)]
    public string? After { get; set; }

    private bool IsFirstPage => _filter is not { Before: not null } and not { After: not null };

    private bool ShowsNewest => IsFirstPage && _filter is { Order: MessageOrder.NewestFirst };

    protected override async Task OnParametersSetAsync()
    {
        var query = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        var (filter, errors) = MessageFilter.Parse(name => query.TryGetValue(name, out var v) ? v.ToString() : null, Time);
        _problems = [.. errors.Select(e => $"{e.Field}: {e.Problem}")];
        _filter = filter is null ? null : filter with { Limit = MessageFilter.MaxApiLimit, Offset = 0 };
        var key = _filter is null ? "" : MessageLogLink.For(_filter);
        _rowsLoading |= key != _filterKey;
        _filterKey = key;
        _newer = 0;
        if (_filter is not null && IsFirstPage)
        {
            _history.Clear();
        }

        if (RendererInfo.IsInteractive)
        {
            _live ??= LiveBatches.Start<MessageChange>(Feed, LiveInterval, batch => InvokeAsync(() => ApplyAsync(batch)), Logger);
        }

        _count = _filter is null ? null : await Queries.CountAsync(_filter);
        await LoadRowsAsync();
    }

    /// <summary>One keyset page of the filter.</summary>
    private async Task LoadRowsAsync()
    {
        if (_filter is null)
        {
            (_page, _rows) = (null, []);
            return;
        }

        _page = await Queries.ListAsync(_filter with { Limit = PageSize });
        _rows = [.. _page.Messages];
        _rowsLoading = false;
    }

    /// <summary>
    /// One throttled batch. On the newest page a batch with new messages re-counts and reads the new ones that match
    /// (two indexed queries, by UUID), which go where their (time, id) puts them, the page keeping its size; otherwise
    /// the visible rows are patched in place from the changes, no query.
    /// </summary>
    private async Task ApplyAsync(IReadOnlyList<MessageChange> batch)
    {
        if (_paused)
        {
            _missed += batch.Count;
            StateHasChanged();
            return;
        }

        _new.Clear();
        _changed.Clear();
        var created = batch.Where(c => c.Created).Select(c => c.MessageUuid).ToHashSet(StringComparer.Ordinal);
        if (created.Count > 0 && ShowsNewest && _filter is not null)
        {
            // New messages only add to a count: one already past its cap ("10,000+") stays so, and is not read again
            // (reading it walks cap + 1 index entries, for every page, every batch).
            if (_count is not { AtLeast: true })
            {
                _count = await Queries.CountAsync(_filter);
            }

            AddNewest(await Queries.MatchingAsync(_filter, created, PageSize));
        }
        else
        {
            _newer += created.Count;
        }

        // The feed publishes in commit order: the last change of a message is its current state.
        var latest = batch.GroupBy(c => c.MessageUuid, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        foreach (var row in _rows)
        {
            if (latest.TryGetValue(row.MessageUuid, out var change) && !_new.Contains(row.MessageUuid))
            {
                row.State = change.State;
                row.ErrorCode = change.ErrorCode ?? row.ErrorCode;
                row.TotalAmount = change.TotalAmount ?? row.TotalAmount;
                _changed.Add(row.MessageUuid);
            }
        }

        StateHasChanged();
    }

    /// <summary>
    /// Puts new rows of the newest-first first page where they belong, newest first, and keeps the page at
    /// <see cref="PageSize"/>: what falls off the end is the next page's (so there is one).
    /// </summary>
    private void AddNewest(IReadOnlyList<Message> added)
    {
        var shown = _rows.Select(r => r.MessageUuid).ToHashSet(StringComparer.Ordinal);
        var fresh = added.Where(m => shown.Add(m.MessageUuid)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var merged = _rows.Concat(fresh).OrderByDescending(m => m.MessageTime).ThenByDescending(m => m.Id).ToList();
        var fellOff = merged.Count > PageSize;
        _rows = fellOff ? merged[..PageSize] : merged;
        _page = new MessagePage(_rows, fellOff || _page is { HasMore: true });
        _new.UnionWith(fresh.Select(m => m.MessageUuid).Where(u => _rows.Exists(r => r.MessageUuid == u)));
    }

    private string RowClass(Message message) =>
        _new.Contains(message.MessageUuid) ? "row-new" : _changed.Contains(message.MessageUuid) ? "row-changed" : "";

    private static string CountText(MessageCount count) =>
        count.AtLeast ? $"{DisplayText.Count(count.Count)}+ messages" : count.Count == 1 ? "1 message" : $"{DisplayText.Count(count.Count)} messages";

    /// <summary>The phone's filter button: how many filters narrow the log, so a folded form still says so.</summary>
    private string FiltersLabel => _filter is { ActiveFilters: > 0 and var active } ? $"Filters · {active} active" : "Filters";

    private void ToggleFilters() => _filtersOpen = !_filtersOpen;

    private void Pause()
    {
        _paused = true;
        _missed = 0;
    }

    private async Task ResumeAsync()
    {
        _paused = false;
        _missed = 0;
        _newer = 0;
        _new.Clear();
        _changed.Clear();
        if (_filter is not null)
        {
            _count = await Queries.CountAsync(_filter);
        }

        await LoadRowsAsync();
    }

    private void Go(MessageFilter filter) => Navigation.NavigateTo(MessageLogLink.For(filter.FirstPage()));

    private void OrderChanged(MessageOrder order) => Go(_filter! with { Order = order });

    private void First() => Navigation.NavigateTo(MessageLogLink.For(_filter!.FirstPage()));

    private void Previous() => Navigation.NavigateTo(MessageLogLink.For(_history.Count > 0 ? _history.Pop() : _filter!.FirstPage()));

    private void Next()
    {
        if (_rows.Count == 0 || _filter is null)
        {
            return;
        }

        _history.Push(_filter);
        Navigation.NavigateTo(MessageLogLink.For(_filter.PageAfter(_rows[^1])));
    }

    public void Dispose() => _live?.Dispose();
}
