using System.Runtime.CompilerServices;
using System.Text.Json;
using Dashboard.Core.Incidents;
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
            received.Add(((MessageChange)change).MessageUuid);
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

    [Fact]
    public void MessageConversationAndIncidentChangesTravelOnOneFeedAndKeepTheirKindAsJson()
    {
        var feed = new LiveFeed();
        using var subscription = feed.Subscribe();
        var at = new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
        LiveChange[] published =
            [Change(1), new ConversationChange(42, ConversationChangeKind.Read, at), new IncidentChange(7, IncidentEventKind.Acknowledged, at), new IncidentChange(7, null, at)];

        feed.Publish(published);
        var received = new List<LiveChange>();
        while (subscription.Reader.TryRead(out var change))
        {
            received.Add(change);
        }

        var json = JsonSerializer.Serialize<IReadOnlyList<LiveChange>>(received);
        var carried = JsonSerializer.Deserialize<List<LiveChange>>(json)!;

        Assert.Equal(published, received);
        Assert.Equal(published, carried);
        Assert.Contains("\"$kind\":\"conversation\"", json);
        Assert.Contains("\"$kind\":\"incident\"", json);
    }

    [Fact]
    public void ASubscriberHandedOnlyWhatItAcceptsKeepsItsBufferForThat()
    {
        var feed = new LiveFeed();
        using var incidents = feed.Subscribe(capacity: 2, accepts: c => c is IncidentChange);
        var at = DateTime.UtcNow;

        feed.Publish([new IncidentChange(1, IncidentEventKind.Opened, at), .. Enumerable.Range(0, 100).Select(Change), new IncidentChange(2, null, at)]);

        Assert.True(incidents.Reader.TryRead(out var first));
        Assert.True(incidents.Reader.TryRead(out var second));
        Assert.False(incidents.Reader.TryRead(out _));
        Assert.Equal([1L, 2L], new[] { first, second }.Cast<IncidentChange>().Select(c => c.IncidentId));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference SubscribeAndDispose(LiveFeed feed)
    {
        var subscription = feed.Subscribe();
        subscription.Dispose();
        return new WeakReference(subscription);
    }
}
