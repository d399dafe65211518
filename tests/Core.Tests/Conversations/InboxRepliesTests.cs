using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Conversations;

public class InboxRepliesTests
{
    [Fact]
    public async Task FreeformOutsideTheWindowIsRefusedBeforeReachingTheSendService()
    {
        var sender = new RecordingReplySender();
        await using var inbox = await InboxHarness.CreateAsync(sender);
        await inbox.InboundAsync("447700900100", "Hello?", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(24));
        var id = await inbox.ConversationIdAsync("447700900100", ConversationChannel.WhatsApp);

        var result = await inbox.Replies.SendAsync(id, ReplyDraft.Freeform("Sorry for the wait"));

        Assert.False(result.Sent);
        Assert.Equal(ReplyRefusal.OutsideWindow, result.Refusal);
        Assert.Empty(sender.Requests);
    }

    [Fact]
    public async Task TemplateOutsideTheWindowGoesToTheSendService()
    {
        var sender = new RecordingReplySender();
        await using var inbox = await InboxHarness.CreateAsync(sender);
        await inbox.InboundAsync("447700900101", "Hello?", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromDays(2));
        var id = await inbox.ConversationIdAsync("447700900101", ConversationChannel.WhatsApp);
        var template = new ReplyTemplate { Name = "follow_up", Language = "en_GB", Parameters = ["Ana"] };

        var result = await inbox.Replies.SendAsync(id, ReplyDraft.FromTemplate(template));

        Assert.True(result.Sent);
        var request = Assert.Single(sender.Requests);
        Assert.Equal((InboxHarness.OurNumber, "447700900101", MessageType.WhatsApp), (request.From, request.To, request.Type));
        Assert.Equal(template, request.Template);
        Assert.Null(request.Text);
    }

    [Fact]
    public async Task OptedOutContactIsRefused()
    {
        var sender = new RecordingReplySender();
        await using var inbox = await InboxHarness.CreateAsync(sender);
        await inbox.InboundAsync("14155550777", "STOP", intent: OptOutKeywords.OptOut);
        var id = await inbox.ConversationIdAsync("14155550777");

        var result = await inbox.Replies.SendAsync(id, ReplyDraft.Freeform("One last offer"));

        Assert.Equal(ReplyRefusal.OptedOut, result.Refusal);
        Assert.Contains("STOP", result.Error);
        Assert.Empty(sender.Requests);
    }

    [Fact]
    public async Task AgentOptOutBlocksRepliesAndOptInAllowsThemAgain()
    {
        var sender = new RecordingReplySender();
        await using var inbox = await InboxHarness.CreateAsync(sender);
        await inbox.InboundAsync("14155550778", "please stop texting me, thanks");
        var id = await inbox.ConversationIdAsync("14155550778");
        var signalled = new List<long>();
        inbox.Signals.Changed += signalled.Add;

        await inbox.Replies.OptOutAsync(id);
        var whileOut = await inbox.Replies.SendAsync(id, ReplyDraft.Freeform("Noted"));
        await inbox.Replies.OptInAsync(id);
        var afterIn = await inbox.Replies.SendAsync(id, ReplyDraft.Freeform("Welcome back"));

        Assert.Equal(ReplyRefusal.OptedOut, whileOut.Refusal);
        Assert.True(afterIn.Sent);
        Assert.Equal([id, id], signalled);
        var detail = await inbox.Queries.GetAsync(id);
        Assert.Equal(InboxReplies.AgentOptInReason, detail!.OptOut!.Reason);
    }

    [Fact]
    public async Task SmsReplyIsSentAsTextFromOurNumber()
    {
        var sender = new RecordingReplySender();
        await using var inbox = await InboxHarness.CreateAsync(sender);
        await inbox.InboundAsync("14155550779", "Is the shop open today?", MessageType.Mms);

        var result = await inbox.Replies.SendAsync(await inbox.ConversationIdAsync("14155550779"), ReplyDraft.Freeform("Yes, until 6 pm"));

        Assert.True(result.Sent);
        Assert.Equal(new ReplyRequest { From = InboxHarness.OurNumber, To = "14155550779", Type = MessageType.Sms, Text = "Yes, until 6 pm" }, sender.Requests.Single());
    }

    [Fact]
    public async Task WithoutTheSendServiceRepliesAreRefusedWithAClearReason()
    {
        await using var inbox = await InboxHarness.CreateAsync();
        await inbox.InboundAsync("14155550780", "hi");

        var result = await inbox.Replies.SendAsync(await inbox.ConversationIdAsync("14155550780"), ReplyDraft.Freeform("hello"));

        Assert.False(result.Sent);
        Assert.Equal(SendServiceNotAvailableReplySender.Reason, result.Error);
    }

    [Fact]
    public async Task UnknownConversationIsNotFound()
    {
        await using var inbox = await InboxHarness.CreateAsync();

        Assert.Same(InboxReplyResult.NotFound, await inbox.Replies.SendAsync(404, ReplyDraft.Freeform("hello")));
    }
}
