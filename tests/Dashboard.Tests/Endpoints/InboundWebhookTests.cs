using System.Net;
using System.Xml.Linq;
using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Endpoints;

[Collection(DashboardCollection.Name)]
public class InboundWebhookTests(DashboardFactory app)
{
    [Fact]
    public async Task InboundSmsIsStoredAsDeliveredWithAnEmptyResponse()
    {
        var uuid = Callbacks.NewUuid();

        var response = await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(uuid, "Is my order on its way?", extra: [("Units", "2"), ("TotalRate", "0.00300"), ("TotalAmount", "0.00600")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Response", xml.Root!.Name.LocalName);
        Assert.Empty(xml.Root.Elements());
        await using var db = app.CreateDb();
        var message = await db.Messages.SingleAsync(m => m.MessageUuid == uuid);
        Assert.Equal(MessageDirection.Inbound, message.Direction);
        Assert.Equal(MessageState.Delivered, message.State);
        Assert.Equal("Is my order on its way?", message.Text);
        Assert.Equal(2, message.Units);
        Assert.Equal(600, message.TotalAmount);
        Assert.Equal("US", message.CountryIso2);
    }

    [Fact]
    public async Task StopOptsTheContactOutAndRepliesWithMessageXml()
    {
        var contact = "1415555" + Random.Shared.Next(1000, 9999);

        var response = await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "  stop \n", from: contact));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var message = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!;
        Assert.Equal("14155550100", message.Attribute("src")!.Value);
        Assert.Equal(contact, message.Attribute("dst")!.Value);
        Assert.Contains("unsubscribed", message.Value, StringComparison.OrdinalIgnoreCase);
        Assert.True(await IsOptedOutAsync(contact));
    }

    [Fact]
    public async Task StartAfterStopOptsTheContactBackIn()
    {
        var contact = "1415556" + Random.Shared.Next(1000, 9999);

        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "STOP", from: contact));
        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "Start", from: contact));

        Assert.False(await IsOptedOutAsync(contact));
    }

    [Fact]
    public async Task PlivoOptOutIntentCountsEvenForFreeText()
    {
        var contact = "1415557" + Random.Shared.Next(1000, 9999);

        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "Stop all", from: contact, extra: [("MessageIntent", "optout")]));

        Assert.True(await IsOptedOutAsync(contact));
    }

    [Fact]
    public async Task SentenceContainingStopIsNotAnOptOut()
    {
        var contact = "1415558" + Random.Shared.Next(1000, 9999);

        var response = await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "can you stop texting me", from: contact));

        Assert.Empty(XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements());
        Assert.False(await IsOptedOutAsync(contact));
    }

    [Fact]
    public async Task WhatsAppStopOptsOutButNeverGetsAnXmlReply()
    {
        var contact = "1415559" + Random.Shared.Next(1000, 9999);

        var response = await app.PostSignedAsync("/plivo/inbound", [.. Callbacks.Inbound(Callbacks.NewUuid(), "", from: contact, extra: [("Type", "whatsapp"), ("Text", ""), ("Body", "STOP")])]);

        Assert.Empty(XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements());
        Assert.True(await IsOptedOutAsync(contact));
    }

    [Fact]
    public async Task MmsMediaOfBothNumberingsAreStored()
    {
        var uuid = Callbacks.NewUuid();
        var form = Callbacks.Inbound(uuid, "", extra:
        [
            ("Type", "mms"), ("Text", ""), ("Body", "Photo of the damage"), ("MediaCount", "2"),
            ("Media0", "https://media.example/a.jpg"), ("Media1", "https://media.example/b.jpg"),
        ]);

        await app.PostSignedAsync("/plivo/inbound", form);

        await using var db = app.CreateDb();
        var message = await db.Messages.Include(m => m.Media).SingleAsync(m => m.MessageUuid == uuid);
        Assert.Equal(MessageType.Mms, message.Type);
        Assert.Equal("Photo of the damage", message.Text);
        Assert.Equal(2, message.MediaCount);
        Assert.Equal(["https://media.example/a.jpg", "https://media.example/b.jpg"], message.Media.OrderBy(m => m.Index).Select(m => m.Url));
    }

    [Fact]
    public async Task WhatsAppButtonReplyKeepsContextAndButton()
    {
        var uuid = Callbacks.NewUuid();
        var repliedTo = Callbacks.NewUuid();
        var form = Callbacks.Inbound(uuid, "", extra:
        [
            ("Type", "whatsapp"), ("Text", ""), ("Body", "Yes"), ("ContentType", "button"),
            ("Context", $$"""{"MessageUUID":"{{repliedTo}}"}"""), ("Button", """{"Text":"Yes","Payload":"Yes-Button-Payload"}"""),
        ]);

        await app.PostSignedAsync("/plivo/inbound", form);

        await using var db = app.CreateDb();
        var message = await db.Messages.SingleAsync(m => m.MessageUuid == uuid);
        Assert.Equal(repliedTo, message.ContextMessageUuid);
        Assert.Equal("Yes", message.ButtonText);
        Assert.Equal("Yes-Button-Payload", message.ButtonPayload);
        Assert.Equal("button", message.ContentType);
    }

    [Fact]
    public async Task RetriedInboundWebhookIsStoredOnce()
    {
        var uuid = Callbacks.NewUuid();
        var form = Callbacks.Inbound(uuid, "hello");

        await app.PostSignedAsync("/plivo/inbound", form);
        var retry = await app.PostSignedAsync("/plivo/inbound", form);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await using var db = app.CreateDb();
        var message = await db.Messages.SingleAsync(m => m.MessageUuid == uuid);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == message.InboxConversationId);
        Assert.Equal(1, (await db.MessageEvents.SingleAsync(e => e.MessageId == message.Id)).Repeats);
        Assert.Equal(1, await db.Messages.CountAsync(m => m.InboxConversationId == conversation.Id && m.MessageUuid == uuid));
    }

    [Fact]
    public async Task InboundMessagesGroupIntoOneConversationWithUnreadCount()
    {
        var contact = "4477009" + Random.Shared.Next(10000, 99999);

        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "first", from: contact));
        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "second", from: contact));

        await using var db = app.CreateDb();
        var conversation = await db.Conversations.SingleAsync(c => c.ContactNumber == contact);
        Assert.Equal(ConversationChannel.Sms, conversation.Channel);
        Assert.Equal(2, conversation.UnreadCount);
        Assert.Equal("second", conversation.LastMessagePreview);
        Assert.True(conversation.LastMessageInbound);
    }

    [Theory]
    [InlineData("From", "")]
    [InlineData("Type", "fax")]
    [InlineData("Context", "{not json")]
    public async Task MalformedInboundGetsProblemAndStoresNothing(string field, string value)
    {
        var uuid = Callbacks.NewUuid();

        var response = await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(uuid, "hi", extra: [(field, value)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync());
        await using var db = app.CreateDb();
        Assert.False(await db.Messages.AnyAsync(m => m.MessageUuid == uuid));
    }

    [Fact]
    public async Task InboundAsGetIsAccepted()
    {
        var uuid = Callbacks.NewUuid();

        var response = await app.GetSignedAsync("/plivo/inbound", Callbacks.Inbound(uuid, "via GET"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.CreateDb();
        Assert.Equal("via GET", (await db.Messages.SingleAsync(m => m.MessageUuid == uuid)).Text);
    }

    private async Task<bool> IsOptedOutAsync(string contact)
    {
        await using var db = app.CreateDb();
        return await db.OptOuts.AnyAsync(o => o.ContactNumber == contact && o.OurNumber == "14155550100" && o.IsOptedOut);
    }
}
