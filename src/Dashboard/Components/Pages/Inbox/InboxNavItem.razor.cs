using Dashboard.Core.Conversations;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages.Inbox;

/// <summary>Counts unread inbound messages once, then again whenever one arrives or a conversation is read.</summary>
public sealed partial class InboxNavItem : IDisposable
{
    private int _unread;
    private InboxLive? _live;

    [Inject] private InboxQueries Queries { get; set; } = default!;

    [Inject] private LiveFeed Feed { get; set; } = default!;

    [Inject] private InboxSignals Signals { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _unread = await Queries.TotalUnreadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = InboxLive.Start(Feed, Signals, TimeSpan.FromSeconds(1), changes =>
                changes.Count == 0 || changes.Any(c => c.Created && c.Direction == MessageDirection.Inbound)
                    ? InvokeAsync(async () => { _unread = await Queries.TotalUnreadAsync(); StateHasChanged(); })
                    : Task.CompletedTask);
        }
    }

    public void Dispose() => _live?.Dispose();
}
