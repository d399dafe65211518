using Dashboard.Components.Shared;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Components.Shared;

public class LiveBatchesTests
{
    private static readonly DateTime At = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);

    private static MessageChange Message(string uuid) =>
        new(uuid, MessageDirection.Inbound, MessageType.Sms, MessageState.Delivered, null, null, At, 7, Created: true);

    [Fact]
    public async Task AMessagePageIsHandedOnlyMessageChangesAndNoBatchWithoutAny()
    {
        var feed = new LiveFeed();
        var handed = new TaskCompletionSource<IReadOnlyList<MessageChange>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var live = LiveBatches.Start<MessageChange>(feed, TimeSpan.Zero, batch =>
        {
            handed.TrySetResult(batch);
            return Task.CompletedTask;
        }, NullLogger.Instance);

        feed.Publish([new ConversationChange(7, ConversationChangeKind.Read, At)]);
        feed.Publish([Message("m-1"), new ConversationChange(7, ConversationChangeKind.OptOut, At)]);

        var batch = await handed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["m-1"], batch.Select(c => c.MessageUuid));
    }

    [Fact]
    public async Task AnInboxPageIsHandedConversationChangesBesideMessageChanges()
    {
        var feed = new LiveFeed();
        var handed = new List<LiveChange>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var live = LiveBatches.Start<LiveChange>(feed, TimeSpan.Zero, batch =>
        {
            lock (handed)
            {
                handed.AddRange(batch);
                if (handed.Count == 2)
                {
                    both.TrySetResult();
                }
            }

            return Task.CompletedTask;
        }, NullLogger.Instance);

        feed.Publish([new ConversationChange(7, ConversationChangeKind.Read, At)]);
        feed.Publish([Message("m-2")]);

        await both.Task.WaitAsync(TimeSpan.FromSeconds(10));
        LiveChange[] expected = [new ConversationChange(7, ConversationChangeKind.Read, At), Message("m-2")];
        Assert.Equal(expected, handed);
    }
}
