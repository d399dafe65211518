using System.Runtime.CompilerServices;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Tests.Live;

public class LiveFeedTests
{
    private static MessageChange Change(int i) =>
        new($"uuid-{i}", MessageDirection.Outbound, MessageType.Sms, MessageState.Sent, null, null, DateTime.UtcNow, null, false);

    [Fact]
    public void SlowSubscriberLosesItsOldestChangesWithoutBlockingThePublisher()
    {
        var feed = new LiveFeed();
        using var slow = feed.Subscribe(capacity: 3);

        feed.Publish([.. Enumerable.Range(0, 10).Select(Change)]);

        var received = new List<string>();
        while (slow.Reader.TryRead(out var change))
        {
            received.Add(change.MessageUuid);
        }

        Assert.Equal(["uuid-7", "uuid-8", "uuid-9"], received);
    }

    [Fact]
    public void DisposedSubscriptionLeavesTheFeed()
    {
        var feed = new LiveFeed();

        var subscription = SubscribeAndDispose(feed);
        GC.Collect();
        GC.WaitForPendingFinalizers();

        // Nothing but the feed could still hold it: collected means the feed let go.
        Assert.False(subscription.IsAlive);
        GC.KeepAlive(feed);
    }

    [Fact]
    public async Task BurstArrivesAsOneBatch()
    {
        var feed = new LiveFeed();
        using var subscription = feed.Subscribe();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        feed.Publish([.. Enumerable.Range(0, 500).Select(Change)]);
        await using var batches = subscription.ReadBatchesAsync(TimeSpan.FromMilliseconds(10), cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await batches.MoveNextAsync());

        Assert.Equal(500, batches.Current.Count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference SubscribeAndDispose(LiveFeed feed)
    {
        var subscription = feed.Subscribe();
        subscription.Dispose();
        return new WeakReference(subscription);
    }
}
