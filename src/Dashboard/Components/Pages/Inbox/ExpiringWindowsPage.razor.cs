using Dashboard.Components.Shared;
using Dashboard.Core.Conversations;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages.Inbox;

/// <summary>Open WhatsApp windows by time left, live: new WhatsApp messages open, extend or answer them.</summary>
public sealed partial class ExpiringWindowsPage : IDisposable
{
    private IReadOnlyList<ConversationSummary>? _windows;
    private LiveBatches? _live;

    [Inject] private InboxQueries Queries { get; set; } = default!;

    [Inject] private LiveFeed Feed { get; set; } = default!;

    [Inject] private ILogger<ExpiringWindowsPage> Logger { get; set; } = default!;

    [Inject] private NavigationManager Nav { get; set; } = default!;

    /// <summary>Only windows whose last message came from the contact.</summary>
    [SupplyParameterFromQuery(Name = "awaiting")] public bool? Awaiting { get; set; }

    protected override Task OnParametersSetAsync() => ReloadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = LiveBatches.Start<LiveChange>(Feed, TimeSpan.FromSeconds(1), changes =>
                changes.Any(c => c is ConversationChange or MessageChange { Created: true, Type: MessageType.WhatsApp })
                    ? InvokeAsync(async () => { await ReloadAsync(); StateHasChanged(); })
                    : Task.CompletedTask, Logger);
        }
    }

    private async Task ReloadAsync() => _windows = await Queries.ExpiringWindowsAsync(awaitingReplyOnly: Awaiting == true);

    private void SetAwaiting(bool on) => Nav.NavigateTo(Nav.GetUriWithQueryParameter("awaiting", on ? "true" : null));

    public void Dispose() => _live?.Dispose();
}
