using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Conversations;

/// <summary>
/// Marking a conversation read through the single writer, on SQLite; <see cref="PostgreSqlMarkReadTests"/> runs the
/// same tests on PostgreSQL, where another instance's writer may count a new message at the same moment.
/// </summary>
public class MarkReadTests
{
    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    [Fact]
    public async Task AMessageThatArrivesAfterTheViewWasReadKeepsItsUnreadCount()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550301", "one");
        await inbox.InboundAsync("14155550301", "two");
        var id = await inbox.ConversationIdAsync("14155550301");
        var seen = (await inbox.Queries.GetAsync(id))!.Conversation;

        await inbox.InboundAsync("14155550301", "three, after the agent's view was read");
        var marked = await inbox.Replies.MarkReadAsync(seen);
        var unreadAfterRace = (await inbox.Queries.GetAsync(id))!.Conversation.UnreadCount;
        var markedAgain = await inbox.MarkReadAsync("14155550301");

        Assert.False(marked);
        Assert.Equal(3, unreadAfterRace);
        Assert.True(markedAgain);
        Assert.Equal(0, await inbox.Queries.TotalUnreadAsync());
    }

    [Fact]
    public async Task AReadRacingAnotherWritersNewMessageNeverLosesItsCount()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        var other = await inbox.Database.StartSecondWriterAsync();
        await inbox.InboundAsync("14155550302", "first");
        var id = await inbox.ConversationIdAsync("14155550302");

        for (var round = 0; round < 25; round++)
        {
            var seen = (await inbox.Queries.GetAsync(id))!.Conversation;

            var mark = Task.Run(() => inbox.Replies.MarkReadAsync(seen));
            var arrive = Task.Run(() => inbox.InboundAsync("14155550302", $"message {round}", writer: other));
            await Task.WhenAll(mark, arrive);

            // Either the read came first and only the new message is unread, or it met the new message and changed nothing.
            var unread = (await inbox.Queries.GetAsync(id))!.Conversation.UnreadCount;
            Assert.Equal(await mark ? 1 : seen.UnreadCount + 1, unread);
        }
    }
}

public sealed class PostgreSqlMarkReadTests : MarkReadTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
