using Dashboard.Core.Live;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>The banner of <see cref="LiveStatus.CrossInstanceDegraded"/>, re-rendered on the circuit when it changes.</summary>
public sealed partial class LiveDegradedBanner : IDisposable
{
    [Inject]
    private LiveStatus Status { get; set; } = default!;

    protected override void OnInitialized() => Status.Changed += OnChanged;

    public void Dispose() => Status.Changed -= OnChanged;

    // Raised on a Redis thread: hand it to the circuit, never block the raiser.
    private void OnChanged() => _ = InvokeAsync(StateHasChanged);
}
