using Dashboard.Core.Live;

namespace Dashboard.Components.Shared;

/// <summary>
/// A page's live subscription: reads the <see cref="LiveFeed"/> in throttled batches (at most one per
/// <c>interval</c>, however many callbacks arrive) and hands each batch to the page, which re-renders through
/// <c>InvokeAsync</c>. Dispose it with the page; a failing handler is logged, never kills the loop.
/// </summary>
public sealed class LiveBatches : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly LiveSubscription _subscription;

    private LiveBatches(LiveFeed feed) => _subscription = feed.Subscribe();

    /// <summary>Subscribes now (so nothing committed from here on is missed) and starts reading in the background.</summary>
    public static LiveBatches Start(LiveFeed feed, TimeSpan interval, Func<IReadOnlyList<MessageChange>, Task> onBatch, ILogger logger)
    {
        var live = new LiveBatches(feed);
        _ = live.RunAsync(interval, onBatch, logger);
        return live;
    }

    private async Task RunAsync(TimeSpan interval, Func<IReadOnlyList<MessageChange>, Task> onBatch, ILogger logger)
    {
        try
        {
            await foreach (var batch in _subscription.ReadBatchesAsync(interval, cancellationToken: _stop.Token))
            {
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
            // The page went away.
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
