using Dashboard.Components.Shared;
using Dashboard.Core.Conversations;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Components.Pages.Inbox;

/// <summary>
/// The agent inbox: the conversation list (filters in the query string) beside the open conversation. Loads
/// once, then follows the live feed: new messages reorder the list, callbacks and replies update the thread,
/// and a conversation that is open is kept read.
/// </summary>
public sealed partial class InboxPage : IDisposable
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(300);

    private IReadOnlyList<ConversationSummary>? _conversations;
    private IReadOnlyList<string> _ourNumbers = [];
    private InboxFilter? _filter;
    private string _queryString = "";
    private long? _openId;
    private bool _loadingConversation;
    private ConversationDetail? _detail;
    private ThreadPage _thread = new([], false);
    private int _threadLimit = InboxQueries.DefaultThreadLimit;
    private LiveBatches? _live;

    [Inject] private InboxQueries Queries { get; set; } = default!;

    [Inject] private InboxReplies Replies { get; set; } = default!;

    [Inject] private LiveFeed Feed { get; set; } = default!;

    [Inject] private ILogger<InboxPage> Logger { get; set; } = default!;

    [Inject] private MudBlazor.IDialogService Dialogs { get; set; } = default!;

    [Inject] private MudBlazor.ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public long? InboxConversationId { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }

    /// <summary><c>sms</c> (SMS and MMS) or <c>whatsapp</c>.</summary>
    [SupplyParameterFromQuery(Name = "channel")] public string? Channel { get; set; }

    [SupplyParameterFromQuery(Name = "our")] public string? Our { get; set; }

    [SupplyParameterFromQuery(Name = "unread")] public bool? Unread { get; set; }

    /// <summary><c>open</c>: only WhatsApp conversations whose window is open.</summary>
    [SupplyParameterFromQuery(Name = "window")] public string? Window { get; set; }

    /// <summary>The list with its filters: where a phone's back button goes.</summary>
    private string ListHref => "inbox" + _queryString;

    private bool IsFiltered => _filter is { } f && (f.UnreadOnly || f.Channel is not null || f.OurNumber is not null || f.OpenWindowOnly || f.Search is not null);

    protected override async Task OnInitializedAsync() => _ourNumbers = await Queries.OurNumbersAsync();

    protected override async Task OnParametersSetAsync()
    {
        var filter = new InboxFilter
        {
            UnreadOnly = Unread == true,
            Channel = Channel?.ToLowerInvariant() switch { "sms" or "mms" => ConversationChannel.Sms, "whatsapp" => ConversationChannel.WhatsApp, _ => null },
            OurNumber = string.IsNullOrWhiteSpace(Our) ? null : Our,
            OpenWindowOnly = Window == "open",
            Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        };
        if (filter != _filter)
        {
            _filter = filter;
            _queryString = QueryString();
            await ReloadListAsync();
        }

        if (InboxConversationId != _openId)
        {
            _openId = InboxConversationId;
            _threadLimit = InboxQueries.DefaultThreadLimit;
            _loadingConversation = true;
            await ReloadConversationAsync();
            _loadingConversation = false;
            await KeepReadAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // Only once interactive: a prerender has no circuit to push changes to.
            _live = LiveBatches.Start<LiveChange>(Feed, LiveInterval, changes => InvokeAsync(() => ApplyLiveAsync(changes)), Logger);
        }
    }

    private async Task ApplyLiveAsync(IReadOnlyList<LiveChange> batch)
    {
        // A read mark or an agent's opt-out: the list and the open conversation may both show it.
        var signal = batch.Any(c => c is ConversationChange);
        var changes = batch.OfType<MessageChange>().ToList();
        var open = InboxConversationId;
        // A late or repeated callback (not applied) changes nothing a bubble shows.
        var inOpen = open is not null && changes.Any(c => c.InboxConversationId == open && (c.Applied || c.Created));
        if (signal || changes.Any(c => c.Created && c.InboxConversationId is not null))
        {
            await ReloadListAsync();
        }

        if (signal || inOpen)
        {
            await ReloadConversationAsync();
        }

        StateHasChanged();
        if (signal || inOpen)
        {
            await KeepReadAsync();
        }
    }

    /// <summary>
    /// The agent is looking at the open conversation: what it shows is read. A mark that meets a message newer than the
    /// view is not applied; that message's live change re-reads the view, and the next mark covers it.
    /// </summary>
    private async Task KeepReadAsync()
    {
        if (_detail is { Conversation.UnreadCount: > 0 } detail)
        {
            await Replies.MarkReadAsync(detail.Conversation);
        }
    }

    private async Task ReloadListAsync() => _conversations = await Queries.ListAsync(_filter ?? new InboxFilter());

    private async Task ReloadConversationAsync()
    {
        if (InboxConversationId is not { } id)
        {
            (_detail, _thread) = (null, new([], false));
            return;
        }

        _detail = await Queries.GetAsync(id);
        _thread = _detail is null ? new([], false) : await Queries.GetThreadAsync(id, _threadLimit);
    }

    private async Task ShowEarlierAsync()
    {
        _threadLimit += InboxQueries.DefaultThreadLimit;
        await ReloadConversationAsync();
    }

    private async Task OptOutAsync()
    {
        if (_detail is not null)
        {
            await Replies.OptOutAsync(_detail.Conversation.Id);
            Snackbar.Add($"{DisplayText.Number(_detail.Conversation.ContactNumber)} is opted out: nothing more will be sent to them from this number.", MudBlazor.Severity.Success);
            await ReloadConversationAsync();
        }
    }

    private async Task OptInAsync()
    {
        if (_detail is null)
        {
            return;
        }

        var confirmed = await Dialogs.ConfirmAsync(
            $"Opt {DisplayText.Number(_detail.Conversation.ContactNumber)} back in?", "Only do this when the contact asked to be messaged again.", "Opt back in");
        if (confirmed)
        {
            await Replies.OptInAsync(_detail.Conversation.Id);
            Snackbar.Add($"{DisplayText.Number(_detail.Conversation.ContactNumber)} is opted back in.", MudBlazor.Severity.Success);
            await ReloadConversationAsync();
        }
    }

    private Task OnSentAsync(string messageUuid) => ReloadConversationAsync();

    private string QueryString()
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = _filter!.Search,
            ["channel"] = _filter.Channel switch { ConversationChannel.Sms => "sms", ConversationChannel.WhatsApp => "whatsapp", _ => null },
            ["our"] = _filter.OurNumber,
            ["unread"] = _filter.UnreadOnly ? "true" : null,
            ["window"] = _filter.OpenWindowOnly ? "open" : null,
        };
        return QueryHelpers.AddQueryString("", query.Where(p => p.Value is not null));
    }

    public void Dispose() => _live?.Dispose();
}
