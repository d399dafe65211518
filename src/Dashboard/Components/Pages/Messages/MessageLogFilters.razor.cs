using Dashboard.Components.Shared;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages.Messages;

/// <summary>
/// The message log's filter form: its fields are read from a <see cref="MessageFilter"/> and written back as a new one
/// (from its first page), which the page puts in the query string.
/// </summary>
public sealed partial class MessageLogFilters
{
    private static readonly MessageState[] States =
        [MessageState.Queued, MessageState.Sent, MessageState.Delivered, MessageState.Undelivered, MessageState.Failed, MessageState.Read, MessageState.Received];

    private MessageFilter? _shown;
    private string? _search, _errorCode, _powerpack;
    private IReadOnlyCollection<MessageState> _states = [];
    private MessageDirection? _direction;
    private MessageType? _type;
    private DateTime? _from, _to;

    /// <summary>The filter shown (from the query string).</summary>
    [Parameter, EditorRequired]
    public MessageFilter Filter { get; set; } = new();

    /// <summary>The filter as changed by the person, from its first page.</summary>
    [Parameter]
    public EventCallback<MessageFilter> FilterChanged { get; set; }

    /// <summary>Filters with no field of their own (from report links): shown as chips that remove them.</summary>
    private IEnumerable<(string Name, string Label, MessageFilter Without)> Chips
    {
        get
        {
            var f = Filter.FirstPage();
            if (f.CountryIso2 is { } country) yield return (MessageFilter.Names.Country, $"Country {country}", f with { CountryIso2 = null });
            if (f.Mcc is { } mcc) yield return (MessageFilter.Names.Mcc, $"MCC {mcc}", f with { Mcc = null });
            if (f.Mnc is { } mnc) yield return (MessageFilter.Names.Mnc, $"MNC {mnc}", f with { Mnc = null });
            if (f.FromNumber is { } from) yield return (MessageFilter.Names.From, $"From {DisplayText.Number(from)}", f with { FromNumber = null });
            if (f.ToNumber is { } to) yield return (MessageFilter.Names.To, $"To {DisplayText.Number(to)}", f with { ToNumber = null });
            if (f.PlivoConversationId is { } conversation) yield return (MessageFilter.Names.PlivoConversationId, $"Conversation {conversation}", f with { PlivoConversationId = null });
            if (f.Silent) yield return (MessageFilter.Names.Silent, "Silent: no final state yet", f with { Silent = false });
        }
    }

    // The page renders again for every live batch, with the filter already shown: then nothing here changed.
    private bool _sameFilter;

    protected override void OnParametersSet()
    {
        // Only a new filter (a navigation) replaces what is being typed.
        _sameFilter = ReferenceEquals(Filter, _shown);
        if (_sameFilter)
        {
            return;
        }

        _shown = Filter;
        _search = Filter.Search;
        _states = Filter.States;
        _direction = Filter.Direction;
        _type = Filter.Type;
        _from = Filter.TimeGte;
        _to = Filter.TimeLt;
        _errorCode = Filter.ErrorCode;
        _powerpack = Filter.PowerpackId;
    }

    /// <summary>
    /// Not for the page's live batches (the form's dozen MudBlazor inputs would render again several times a second for
    /// nothing); always for a new filter and for the person's own input.
    /// </summary>
    protected override bool ShouldRender()
    {
        var render = !_sameFilter;
        _sameFilter = false;
        return render;
    }

    private MessageFilter Edited() => Filter.FirstPage() with
    {
        Search = Blank(_search),
        States = [.. _states.Order()],
        Direction = _direction,
        Type = _type,
        TimeGte = _from is { } from ? DateTime.SpecifyKind(from, DateTimeKind.Utc) : null,
        TimeLt = _to is { } to ? DateTime.SpecifyKind(to, DateTimeKind.Utc) : null,
        ErrorCode = Blank(_errorCode),
        PowerpackId = Blank(_powerpack),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private Task ApplyAsync() => FilterChanged.InvokeAsync(Edited());

    private Task StatesChangedAsync(IReadOnlyCollection<MessageState>? states)
    {
        _states = states ?? [];
        return ApplyAsync();
    }

    private Task DirectionChangedAsync(MessageDirection? direction)
    {
        _direction = direction;
        return ApplyAsync();
    }

    private Task TypeChangedAsync(MessageType? type)
    {
        _type = type;
        return ApplyAsync();
    }

    /// <summary>The last hour or day up to now: from a whole minute, no end (so new messages keep arriving).</summary>
    private Task PresetAsync(TimeSpan span)
    {
        var from = Time.GetUtcNow().UtcDateTime - span;
        _from = new DateTime(from.Ticks - from.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        _to = null;
        return ApplyAsync();
    }

    [Inject]
    public required TimeProvider Time { get; init; }
}
