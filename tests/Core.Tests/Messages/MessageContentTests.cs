using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Messages;

/// <summary>What a message shows as its content: text, else the template it was sent as, else attachments, else why nothing.</summary>
public class MessageContentTests
{
    private const string Request = """{"type":"whatsapp","template":"{\"name\":\"order_update\",\"language\":\"en\",\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"A-1042\"},{\"type\":\"text\",\"text\":\"tomorrow\"}]}]}"}""";

    [Fact]
    public void ATemplateIsReadFromTheStoredSendRequest()
    {
        var template = MessageContent.TemplateOf(Request, "true")!;

        Assert.Equal(("order_update", "en", "Template order_update (en)"), (template.Name, template.Language, template.Label));
        Assert.Equal(["A-1042", "tomorrow"], template.Parameters);
        Assert.Equal("Template order_update: A-1042, tomorrow", MessageContent.Preview(null, 0, template));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("number_only")]
    public void ALogOptionThatKeepsNoContentKeepsTheTemplateNameOnly(string log)
    {
        var template = MessageContent.TemplateOf(Request, log)!;

        Assert.Equal("order_update", template.Name);
        Assert.Empty(template.Parameters);
        Assert.Equal($"(text not kept: sent with log={log})", MessageContent.Missing(MessageDirection.Outbound, null, log));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("""{"type":"sms","text":"hi"}""")]
    [InlineData("""{"template":"not json"}""")]
    public void NoTemplateIsNull(string? raw) => Assert.Null(MessageContent.TemplateOf(raw, "true"));

    [Theory]
    [InlineData(MessageDirection.Outbound, MessageType.WhatsApp, null, true)]
    [InlineData(MessageDirection.Outbound, MessageType.WhatsApp, "Hello", false)]
    [InlineData(MessageDirection.Outbound, MessageType.Sms, null, false)]
    [InlineData(MessageDirection.Inbound, MessageType.WhatsApp, null, false)]
    public void AStoredMessageShowsItsTemplateOnlyWhenItIsAnOutboundWhatsAppMessageWithoutText(MessageDirection direction, MessageType type, string? text, bool shown)
    {
        var message = new Message { MessageUuid = "m", Direction = direction, Type = type, Text = text, FromNumber = "1", ToNumber = "2", Log = "true" };
        MessageEvent[] timeline = [new() { Kind = MessageEventKind.SendAccepted, State = MessageState.Queued, RawParameters = Request }];

        var template = MessageContent.TemplateOf(message, timeline);

        Assert.Equal(shown ? "order_update" : null, template?.Name);
    }

    [Fact]
    public void TextComesFirstThenAttachments()
    {
        Assert.Equal("Hello there", MessageContent.Preview("Hello\nthere", 2));
        Assert.Equal("[2 attachments]", MessageContent.Preview(null, 2));
        Assert.Null(MessageContent.Preview(" ", 0));
    }

    [Fact]
    public async Task ATemplateReplyShowsItsTemplateInTheThreadAndTheListPreview()
    {
        await using var inbox = await InboxHarness.CreateAsync();
        await inbox.InboundAsync("447700900181", "Where is my order?", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(25));
        var id = await inbox.ConversationIdAsync("447700900181", ConversationChannel.WhatsApp);

        var result = await inbox.Replies.SendAsync(id, ReplyDraft.FromTemplate(new ReplyTemplate { Name = "order_update", Language = "en", Parameters = ["A-1042", "tomorrow"] }));

        Assert.True(result.Sent);
        var reply = (await inbox.Queries.GetThreadAsync(id)).Messages.Last();
        Assert.Null(reply.Text);
        Assert.Equal(("order_update", "en"), (reply.Template!.Name, reply.Template.Language));
        Assert.Equal(["A-1042", "tomorrow"], reply.Template.Parameters);
        var row = Assert.Single(await inbox.Queries.ListAsync(new InboxFilter()), c => c.Id == id);
        Assert.Equal("Template order_update: A-1042, tomorrow", row.LastMessagePreview);
        Assert.False(row.LastMessageInbound);
    }
}
