using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages.Inbox;

/// <summary>
/// Counts down to <see cref="ClosesAt"/> with a one-second timer from the injected <see cref="TimeProvider"/>.
/// The timer starts only once the component is interactive and is disposed with it.
/// </summary>
public sealed partial class WindowCountdown : IDisposable
{
    private ITimer? _timer;
    private TimeSpan _remaining;
    private bool _closedRaised;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>When the window closes (UTC).</summary>
    [Parameter, EditorRequired]
    public DateTime ClosesAt { get; set; }

    /// <summary>Only the time, without "left" (for tables).</summary>
    [Parameter]
    public bool Compact { get; set; }

    [Parameter]
    public EventCallback OnClosed { get; set; }

    private string Urgency => _remaining <= TimeSpan.Zero ? "closed"
        : _remaining < TimeSpan.FromMinutes(30) ? "urgent"
        : _remaining < TimeSpan.FromHours(2) ? "soon"
        : "open";

    protected override void OnParametersSet()
    {
        _remaining = Remaining();
        _closedRaised = _remaining <= TimeSpan.Zero;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _timer = Time.CreateTimer(_ => _ = InvokeAsync(TickAsync), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    private async Task TickAsync()
    {
        _remaining = Remaining();
        StateHasChanged();
        if (_remaining <= TimeSpan.Zero && !_closedRaised)
        {
            _closedRaised = true;
            await OnClosed.InvokeAsync();
        }
    }

    private TimeSpan Remaining()
    {
        var left = ClosesAt - Time.GetUtcNow().UtcDateTime;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    public void Dispose() => _timer?.Dispose();
}
