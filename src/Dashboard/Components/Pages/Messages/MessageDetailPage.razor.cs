using Dashboard.Components.Shared;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Components.Pages.Messages;

/// <summary>
/// One message: its delivery timeline with the reporting flags, the callbacks as received, cost, error, carrier,
/// WhatsApp and MMS details. Re-reads the message (one query) when a live batch mentions it.
/// </summary>
public sealed partial class MessageDetailPage : IDisposable
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(200);

    private bool _loaded;
    private MessageDetail? _detail;
    private DeliveryTimeline? _timeline;
    private SentTemplate? _template;
    private LiveBatches? _live;
    private List<BreadcrumbItem> _crumbs = [];

    [Parameter]
    public string MessageUuid { get; set; } = "";

    [Inject]
    public required MessageQueries Queries { get; init; }

    [Inject]
    public required LiveFeed Feed { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IOptions<ReportsOptions> Options { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILogger<MessageDetailPage> Logger { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        _crumbs = [new("Messages", MessageLogLink.Path), new(MessageUuid[..Math.Min(8, MessageUuid.Length)] + "…", href: MessageLogLink.Detail(MessageUuid))];
        if (RendererInfo.IsInteractive)
        {
            _live ??= LiveBatches.Start<MessageChange>(Feed, LiveInterval, batch => InvokeAsync(() => ApplyAsync(batch)), Logger);
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _detail = await Queries.GetAsync(MessageUuid);
        _timeline = _detail is null ? null : DeliveryTimeline.Build(_detail, Time.GetUtcNow().UtcDateTime, Options.Value.StuckAfter);
        _template = _detail is null ? null : MessageContent.TemplateOf(_detail.Message, _detail.Timeline);
        _loaded = true;
    }

    private async Task ApplyAsync(IReadOnlyList<MessageChange> batch)
    {
        if (batch.Any(c => string.Equals(c.MessageUuid, MessageUuid, StringComparison.OrdinalIgnoreCase)))
        {
            await LoadAsync();
            StateHasChanged();
        }
    }

    public void Dispose() => _live?.Dispose();
}
