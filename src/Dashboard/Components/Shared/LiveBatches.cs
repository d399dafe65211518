using Dashboard.Core.Live;

namespace Dashboard.Components.Shared;

/// <summary>
/// A component's live subscription, the one way pages follow the <see cref="LiveFeed"/>: reads it in throttled
/// batches (at most one per <c>interval</c>, however many changes arrive), keeps the changes of the kind the
/// component asked for (<see cref="MessageChange"/>, or <see cref="LiveChange"/> for all, inbox conversations'
/// included) and hands each batch that has any to the component, which re-renders through <c>InvokeAsync</c>.
/// Dispose it with the component; a failing handler is logged, never kills the loop.
/// </summary>
public sealed class LiveBatches : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly LiveSubscription _subscription;

    private LiveBatches(LiveSubscription subscription) => _subscription = subscription;

    /// <summary>Subscribes now (so nothing committed from here on is missed) and starts reading in the background.</summary>
    /// <typeparam name="TChange">The changes the component follows; batches without any are not handed over.</typeparam>
    /// <param name="onBatch">Gets each batch; it marshals to the renderer itself (<c>b =&gt; InvokeAsync(() =&gt; ...)</c>).</param>
    public static LiveBatches Start<TChange>(LiveFeed feed, TimeSpan interval, Func<IReadOnlyList<TChange>, Task> onBatch, ILogger logger)
        where TChange : LiveChange
    {
        // Only its kind is buffered for it: a page of incidents is not handed the message log's thousands a second.
        var live = new LiveBatches(feed.Subscribe(accepts: c => c is TChange));
        _ = live.RunAsync(interval, onBatch, logger);
        return live;
    }

    private async Task RunAsync<TChange>(TimeSpan interval, Func<IReadOnlyList<TChange>, Task> onBatch, ILogger logger)
        where TChange : LiveChange
    {
        try
        {
            await foreach (var changes in _subscription.ReadBatchesAsync(interval, cancellationToken: _stop.Token))
            {
                IReadOnlyList<TChange> batch = changes as IReadOnlyList<TChange> ?? [.. changes.OfType<TChange>()];
                if (batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    await onBatch(batch);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "A live update of {Count} changes could not be applied", batch.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The component went away.
        }
        catch (ObjectDisposedException)
        {
            // The circuit was torn down while a batch was being applied.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _subscription.Dispose();
        _stop.Dispose();
    }
}
