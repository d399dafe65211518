using System.Globalization;
using Dashboard.Components.Shared;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace Dashboard.Components.Pages.Messages;

/// <summary>
/// The message log: Plivo's list filters in the query string, newest first, keyset paging (the cursor is the last
/// row's (MessageTime, Id), so an older page is an index seek, never an OFFSET scan). Live: visible rows change
/// state in place, and on the newest page new messages appear; the stream can be paused.
/// </summary>
public sealed partial class MessagesPage : IDisposable
{
    public const int PageSize = 50;

    /// <summary>At most four re-renders a second under any traffic.</summary>
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(150);

    private static readonly string[] Directions = ["outbound", "inbound"];
    private static readonly string[] States = ["queued", "sent", "delivered", "undelivered", "failed", "read", "received"];
    private static readonly string[] Types = ["sms", "mms", "whatsapp"];

    private MessageLogQuery _query = new();
    private FilterForm _form = new();
    private IReadOnlyList<string> _problems = [];
    private MessagePage? _page;
    private List<Message> _rows = [];
    private readonly Stack<string?> _history = new();
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

    [SupplyParameterFromQuery(Name = "message_direction")]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = "message_state")]
    public string? State { get; set; }

    [SupplyParameterFromQuery(Name = "message_type")]
    public string? Type { get; set; }

    [SupplyParameterFromQuery(Name = "message_time__gte")]
    public string? TimeFrom { get; set; }

    [SupplyParameterFromQuery(Name = "message_time__lt")]
    public string? TimeTo { get; set; }

    [SupplyParameterFromQuery(Name = "error_code")]
    public string? ErrorCode { get; set; }

    [SupplyParameterFromQuery(Name = "powerpack_id")]
    public string? PowerpackId { get; set; }

    [SupplyParameterFromQuery(Name = "destination_country_iso2")]
    public string? Country { get; set; }

    [SupplyParameterFromQuery(Name = "mcc")]
    public string? Mcc { get; set; }

    [SupplyParameterFromQuery(Name = "mnc")]
    public string? Mnc { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "before")]
    public string? Before { get; set; }

    /// <summary>Filters that have no field in the form (they come from report links): shown as removable chips.</summary>
    private IEnumerable<(string Name, string Label)> Chips =>
        new[] { ("destination_country_iso2", "Country"), ("mcc", "MCC"), ("mnc", "MNC") }
            .Where(c => _query[c.Item1] is not null)
            .Select(c => (c.Item1, $"{c.Item2} {_query[c.Item1]}"));

    private bool IsNewestPage => _query.Before is null;

    protected override async Task OnParametersSetAsync()
    {
        _query = MessageLogQuery.From(
        [
            new("message_direction", Direction), new("message_state", State), new("message_type", Type),
            new("message_time__gte", TimeFrom), new("message_time__lt", TimeTo), new("error_code", ErrorCode),
            new("powerpack_id", PowerpackId), new("destination_country_iso2", Country), new("mcc", Mcc), new("mnc", Mnc),
            new("q", Search),
        ], Before);
        _form = FilterForm.Read(_query);
        _newer = 0;
        if (RendererInfo.IsInteractive)
        {
            _live ??= LiveBatches.Start(Feed, LiveInterval, batch => InvokeAsync(() => ApplyAsync(batch)), Logger);
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var (filter, problems) = _query.ToFilter(PageSize, Time);
        _problems = problems;
        if (filter is null)
        {
            _page = null;
            _rows = [];
            return;
        }

        _page = await Queries.ListAsync(filter);
        _rows = [.. _page.Messages];
    }

    /// <summary>
    /// One throttled batch. On the newest page a batch with new messages re-reads the page (one indexed query of
    /// <see cref="PageSize"/> rows); otherwise the visible rows are patched in place from the changes, no query.
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
        if (created.Count > 0 && IsNewestPage && _problems.Count == 0)
        {
            await LoadAsync();
            _new.UnionWith(_rows.Select(r => r.MessageUuid).Where(created.Contains));
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

        // A new list makes the grid re-read its rows.
        _rows = [.. _rows];
        StateHasChanged();
    }

    private void OnRowRender(RowRenderEventArgs<Message> args)
    {
        if (args.Data is null)
        {
            return;
        }

        if (_new.Contains(args.Data.MessageUuid))
        {
            args.Attributes["class"] = "row-new";
        }
        else if (_changed.Contains(args.Data.MessageUuid))
        {
            args.Attributes["class"] = "row-changed";
        }
    }

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
        await LoadAsync();
    }

    private void Apply() => Navigation.NavigateTo(_form.ApplyTo(_query).ToUrl());

    private void Clear() => Navigation.NavigateTo(MessageLogLink.Path);

    private void Newest()
    {
        _history.Clear();
        Navigation.NavigateTo(_query.Page(null).ToUrl());
    }

    private void Newer() => Navigation.NavigateTo(_query.Page(_history.Count > 0 ? _history.Pop() : null).ToUrl());

    private void Older()
    {
        if (_rows.Count == 0)
        {
            return;
        }

        _history.Push(_query.Before);
        Navigation.NavigateTo(_query.Page(MessageLogQuery.Cursor(_rows[^1])).ToUrl());
    }

    public void Dispose() => _live?.Dispose();

    /// <summary>The filter form's fields, read from and written back to the query string.</summary>
    private sealed class FilterForm
    {
        private const string TimeFormat = "yyyy-MM-dd HH:mm";

        public string? Search { get; set; }

        public string? Direction { get; set; }

        public string? State { get; set; }

        public string? Type { get; set; }

        public DateTime? From { get; set; }

        public DateTime? To { get; set; }

        public string? ErrorCode { get; set; }

        public string? Powerpack { get; set; }

        public static FilterForm Read(MessageLogQuery query) => new()
        {
            Search = query["q"],
            Direction = query["message_direction"],
            State = query["message_state"],
            Type = query["message_type"],
            From = PlivoTime.TryParse(query["message_time__gte"], out var from) ? from : null,
            To = PlivoTime.TryParse(query["message_time__lt"], out var to) ? to : null,
            ErrorCode = query["error_code"],
            Powerpack = query["powerpack_id"],
        };

        public MessageLogQuery ApplyTo(MessageLogQuery query) => query.With(
            ("q", Search), ("message_direction", Direction), ("message_state", State), ("message_type", Type),
            ("message_time__gte", From?.ToString(TimeFormat, CultureInfo.InvariantCulture)),
            ("message_time__lt", To?.ToString(TimeFormat, CultureInfo.InvariantCulture)),
            ("error_code", ErrorCode), ("powerpack_id", Powerpack));
    }
}
