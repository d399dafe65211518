using Dashboard.Core.Conversations;
using Dashboard.Core.Live;

namespace Dashboard.Components.Pages.Inbox;

/// <summary>
/// One component's live connection to the inbox: throttled batches of committed message changes from the
/// <see cref="LiveFeed"/>, plus the inbox's own <see cref="InboxSignals"/> (read marks, agent opt-outs), handed to
/// a callback that re-renders through the component's <c>InvokeAsync</c>. Dispose it with the component.
/// </summary>
internal sealed class InboxLive : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly LiveSubscription _subscription;
    private readonly InboxSignals _signals;
    private readonly Func<IReadOnlyList<MessageChange>, Task> _onChanges;

    private InboxLive(LiveFeed feed, InboxSignals signals, TimeSpan interval, Func<IReadOnlyList<MessageChange>, Task> onChanges)
    {
        _subscription = feed.Subscribe(capacity: 1_000);
        _signals = signals;
        _onChanges = onChanges;
        _signals.Changed += OnSignal;
        _ = PumpAsync(interval);
    }

    /// <summary>
    /// Starts listening. <paramref name="onChanges"/> gets each batch of feed changes, or an empty batch when an
    /// inbox signal arrived; it must marshal to the renderer itself (pass <c>c =&gt; InvokeAsync(() =&gt; ...)</c>).
    /// </summary>
    public static InboxLive Start(LiveFeed feed, InboxSignals signals, TimeSpan interval, Func<IReadOnlyList<MessageChange>, Task> onChanges) =>
        new(feed, signals, interval, onChanges);

    private async Task PumpAsync(TimeSpan interval)
    {
        try
        {
            await foreach (var batch in _subscription.ReadBatchesAsync(interval, cancellationToken: _stop.Token))
            {
                await _onChanges(batch);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed with its component.
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between a batch and its render.
        }
    }

    private void OnSignal(long conversationId)
    {
        if (!_stop.IsCancellationRequested)
        {
            _ = _onChanges([]);
        }
    }

    public void Dispose()
    {
        _signals.Changed -= OnSignal;
        _stop.Cancel();
        _subscription.Dispose();
        _stop.Dispose();
    }
}
