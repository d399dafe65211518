using System.Text.Json;
using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Webhooks;

namespace Dashboard.Core.Tests.Conversations;

public class InboxRepliesTests
{
    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    [Fact]
    public async Task FreeformOutsideTheWindowIsRefusedBeforeReachingPlivo()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("447700900101", "Hello?", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(24));
        var id = await inbox.ConversationIdAsync("447700900101", ConversationChannel.WhatsApp);

        var result = await inbox.Replies.SendAsync(id, ReplyDraft.Freeform("Sorry for the wait"));

        Assert.False(result.Sent);
        Assert.Equal(ReplyRefusal.OutsideWindow, result.Refusal);
        Assert.Empty(inbox.Plivo.Sent);
    }

    [Fact]
    public async Task FreeformInsideTheWindowIsSentAsWhatsAppText()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("447700900102", "Hello?", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(23));
        var id = await inbox.ConversationIdAsync("447700900102", ConversationChannel.WhatsApp);

        var result = await inbox.Replies.SendAsync(id, ReplyDraft.Freeform("Hi! How can we help?"));

        Assert.True(result.Sent);
        var sent = Assert.Single(inbox.Plivo.Sent);
        Assert.Equal((InboxHarness.OurNumber, "447700900102", "whatsapp", "Hi! How can we help?"), (sent.Src, sent.Dst, sent.Type, sent.Text));
        Assert.Null(sent.Template);
    }

    [Fact]
    public async Task TemplateOutsideTheWindowIsSentWithItsParameters()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("447700900103", "Hello?", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromDays(2));
        var id = await inbox.ConversationIdAsync("447700900103", ConversationChannel.WhatsApp);

        var result = await inbox.Replies.SendAsync(id, ReplyDraft.FromTemplate(new ReplyTemplate { Name = "follow_up", Language = "en_GB", Parameters = ["Ana", "A-1001"] }));

        Assert.True(result.Sent);
        var template = Assert.Single(inbox.Plivo.Sent).Template!;
        Assert.Equal(("follow_up", "en_GB"), (template.Name, template.Language));
        Assert.Equal(["Ana", "A-1001"], template.Components!.Single().Parameters!.Select(p => p.Text));
    }

    [Fact]
    public async Task ReplyIsInTheThreadAsQueuedAtOnceAndMovesOnWithItsCallbacks()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550781", "Is the shop open today?");
        var id = await inbox.ConversationIdAsync("14155550781");

        var result = await inbox.Replies.SendAsync(id, ReplyDraft.Freeform("Yes, until 6 pm"));
        var queued = (await inbox.Queries.GetThreadAsync(id)).Messages[^1];
        await inbox.Database.Writer.WriteStatusAsync(new StatusCallback
        {
            MessageUuid = result.MessageUuid!, From = InboxHarness.OurNumber, To = "14155550781", Status = MessageState.Delivered, Sequence = 2, Raw = [],
        });
        var delivered = (await inbox.Queries.GetThreadAsync(id)).Messages[^1];

        Assert.Equal((result.MessageUuid, MessageDirection.Outbound, MessageState.Queued, "Yes, until 6 pm"), (queued.MessageUuid, queued.Direction, queued.State, queued.Text));
        Assert.Equal(MessageState.Delivered, delivered.State);
        Assert.Equal("Yes, until 6 pm", (await inbox.Queries.ListAsync(new InboxFilter())).Single().LastMessagePreview);
    }

    [Fact]
    public async Task OptedOutContactIsRefused()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550777", "STOP", intent: OptOutKeywords.OptOut);
        var id = await inbox.ConversationIdAsync("14155550777");

        var result = await inbox.Replies.SendAsync(id, ReplyDraft.Freeform("One last offer"));

        Assert.Equal(ReplyRefusal.OptedOut, result.Refusal);
        Assert.Contains("STOP", result.Error);
        Assert.Empty(inbox.Plivo.Sent);
    }

    [Fact]
    public async Task MarkingReadClearsTheUnreadCountAndSignalsIt()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550203", "one");
        await inbox.InboundAsync("14155550203", "two");
        var id = await inbox.ConversationIdAsync("14155550203");
        using var feed = inbox.Database.Feed.Subscribe();
        var seen = (await inbox.Queries.GetAsync(id))!.Conversation;

        var first = await inbox.Replies.MarkReadAsync(seen);
        var again = await inbox.Replies.MarkReadAsync(seen);
        var signalled = InboxHarness.ConversationsChanged(feed);
        await inbox.InboundAsync("14155550203", "three");

        Assert.True(first);
        Assert.False(again);
        Assert.Equal([id], signalled);
        Assert.Equal(1, (await inbox.Queries.ListAsync(new InboxFilter())).Single().UnreadCount);
    }

    [Fact]
    public async Task AgentOptOutBlocksRepliesAndOptInAllowsThemAgain()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550778", "please stop texting me, thanks");
        var id = await inbox.ConversationIdAsync("14155550778");
        using var feed = inbox.Database.Feed.Subscribe();

        await inbox.Replies.OptOutAsync(id);
        var whileOut = await inbox.Replies.SendAsync(id, ReplyDraft.Freeform("Noted"));
        await inbox.Replies.OptInAsync(id);
        var afterIn = await inbox.Replies.SendAsync(id, ReplyDraft.Freeform("Welcome back"));
        var signalled = InboxHarness.ConversationsChanged(feed);

        Assert.Equal(ReplyRefusal.OptedOut, whileOut.Refusal);
        Assert.True(afterIn.Sent);
        Assert.Equal([id, id], signalled);
        Assert.Equal(InboxReplies.AgentOptInReason, (await inbox.Queries.GetAsync(id))!.OptOut!.Reason);
    }

    [Fact]
    public async Task TheSendServicesValidationAppliesToReplies()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550779", "hi");
        var id = await inbox.ConversationIdAsync("14155550779");
        var detail = (await inbox.Queries.GetAsync(id))!;
        var tooLong = ReplyDraft.Freeform(new string('я', 738));

        var check = inbox.Replies.Check(detail, tooLong);
        var result = await inbox.Replies.SendAsync(id, tooLong);

        Assert.False(check.CanSend);
        Assert.Contains("737", check.Problem);
        Assert.Equal(check.Problem, result.Error);
        Assert.Equal(12, check.Preview.Sms.Units);
        Assert.Empty(inbox.Plivo.Sent);
    }

    [Fact]
    public async Task CheckGivesTheComposePagesUnitsAndCostEstimate()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550782", "hi");
        var detail = (await inbox.Queries.GetAsync(await inbox.ConversationIdAsync("14155550782")))!;

        var check = inbox.Replies.Check(detail, ReplyDraft.Freeform(new string('a', 161)));

        Assert.True(check.CanSend);
        Assert.Equal(2, check.Preview.UnitsPerMessage);
        Assert.True(check.Preview.Cost.Total > 0);
    }

    [Fact]
    public async Task RepliesFromANumberWeNoLongerHaveAreRefusedByTheSendService()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550783", "hi", to: "14155550199");

        var result = await inbox.Replies.SendAsync(await inbox.ConversationIdAsync("14155550783", our: "14155550199"), ReplyDraft.Freeform("hello"));

        Assert.False(result.Sent);
        Assert.Contains("not one of your configured numbers", result.Error);
    }

    [Fact]
    public async Task AReplyAsksPlivoForWhatTheSameComposeFormWould()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("447700900104", "Hello?", MessageType.WhatsApp);
        var id = await inbox.ConversationIdAsync("447700900104", ConversationChannel.WhatsApp);
        var form = new ComposeRequest
        {
            Sender = InboxHarness.OurNumber,
            Destinations = "+44 7700 900104",
            Type = MessageType.WhatsApp,
            TemplateName = "follow_up",
            TemplateLanguage = "en_GB",
            TemplateParameters = "Ana\nA-1001",
        };

        await inbox.Replies.SendAsync(id, ReplyDraft.FromTemplate(new ReplyTemplate { Name = "follow_up", Language = "en_GB", Parameters = ["Ana", "A-1001"] }));
        await inbox.Send.SendAsync(form.ToCommand());

        var (reply, composed) = (inbox.Plivo.Sent[0], inbox.Plivo.Sent[1]);
        Assert.Equal(JsonSerializer.Serialize(composed, PlivoClient.Json), JsonSerializer.Serialize(reply, PlivoClient.Json));
    }

    [Fact]
    public async Task UnknownConversationIsNotFound()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);

        Assert.Same(InboxReplyResult.NotFound, await inbox.Replies.SendAsync(404, ReplyDraft.Freeform("hello")));
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgreSqlInboxRepliesTests : InboxRepliesTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
