using Dashboard.Core.Conversations;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>Counts unread inbound messages once, then again whenever one arrives or a conversation is read.</summary>
public sealed partial class InboxNavItem : IDisposable
{
    private int _unread;
    private LiveBatches? _live;

    [Inject] private InboxQueries Queries { get; set; } = default!;

    [Inject] private LiveFeed Feed { get; set; } = default!;

    [Inject] private ILogger<InboxNavItem> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _unread = await Queries.TotalUnreadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = LiveBatches.Start<LiveChange>(Feed, TimeSpan.FromSeconds(1), changes =>
                changes.Any(c => c is ConversationChange or MessageChange { Created: true, Direction: MessageDirection.Inbound })
                    ? InvokeAsync(async () => { _unread = await Queries.TotalUnreadAsync(); StateHasChanged(); })
                    : Task.CompletedTask, Logger);
        }
    }

    public void Dispose() => _live?.Dispose();
}
