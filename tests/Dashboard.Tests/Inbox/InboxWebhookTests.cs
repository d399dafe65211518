using System.Net;
using AngleSharp.Html.Parser;
using Dashboard.Core.Conversations;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Inbox;

/// <summary>Signed webhooks in, inbox pages out: the whole path an agent sees.</summary>
[Collection(DashboardCollection.Name)]
public class InboxWebhookTests(DashboardFactory app)
{
    [Fact]
    public async Task InboundMessagesAppearInTheListAndOpeningTheConversationMarksItRead()
    {
        var contact = "1415561" + Random.Shared.Next(1000, 9999);
        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "Is my order on its way?", from: contact));
        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "It's order A-1001 <b>urgent</b>", from: contact));
        var id = await ConversationIdAsync(contact);

        var list = await GetDocumentAsync($"/inbox?q={contact}");
        var page = await GetDocumentAsync($"/inbox/{id}");

        var row = Assert.Single(list.QuerySelectorAll("a.item"));
        Assert.Equal("2", row.QuerySelector(".unread-count")!.TextContent);
        Assert.Equal(["Is my order on its way?", "It's order A-1001 <b>urgent</b>"], page.QuerySelectorAll(".bubble .text").Select(t => t.TextContent));
        await using var db = app.CreateDb();
        Assert.Equal(0, (await db.Conversations.SingleAsync(c => c.Id == id)).UnreadCount);
    }

    [Fact]
    public async Task StatusCallbacksShowAsTicksOnOurMessages()
    {
        var contact = "1415562" + Random.Shared.Next(1000, 9999);
        var uuid = Callbacks.NewUuid();
        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "hello?", from: contact));
        await app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "sent", 1, ("To", contact)));
        await app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "delivered", 2, ("To", contact)));

        var page = await GetDocumentAsync($"/inbox/{await ConversationIdAsync(contact)}");

        Assert.Equal("delivered", page.QuerySelector($"[data-message='{uuid}'] .ticks")!.GetAttribute("data-tick"));
    }

    [Fact]
    public async Task OptedOutContactsComposerSaysWhyAndOffersNothing()
    {
        var contact = "1415563" + Random.Shared.Next(1000, 9999);
        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "STOP", from: contact));

        var page = await GetDocumentAsync($"/inbox/{await ConversationIdAsync(contact)}");

        Assert.Contains("opted out (STOP", page.QuerySelector("[data-testid=reply-policy]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=composer] textarea"));
        Assert.Equal("optout", page.QuerySelector(".intent")!.GetAttribute("data-intent"));
    }

    [Fact]
    public async Task WhatsAppOutsideTheWindowOffersTemplatesOnly()
    {
        var contact = "4477009" + Random.Shared.Next(10000, 99999);
        await app.PostSignedAsync("/plivo/status", Callbacks.Status(Callbacks.NewUuid(), "delivered", 2, ("To", contact), ("Type", "whatsapp"), ("ConversationOrigin", "marketing")));

        var page = await GetDocumentAsync($"/inbox/{await ConversationIdAsync(contact, ConversationChannel.WhatsApp)}");

        Assert.Contains("only an approved template", page.QuerySelector("[data-testid=reply-policy]")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name=template-name]"));
        Assert.Null(page.QuerySelector("textarea[name=reply-text]"));
    }

    [Fact]
    public async Task TappedWhatsAppButtonLabelledYesIsNotAnOptInKeyword()
    {
        var contact = "4477008" + Random.Shared.Next(10000, 99999);
        var whatsApp = new (string, string)[] { ("Type", "whatsapp"), ("Text", "") };
        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "", from: contact, extra: [.. whatsApp, ("Body", "STOP")]));
        var tap = Callbacks.NewUuid();

        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(tap, "", from: contact, extra:
            [.. whatsApp, ("Body", "Yes"), ("ContentType", "button"), ("Button", """{"Text":"Yes","Payload":"CONFIRM"}""")]));

        await using var db = app.CreateDb();
        Assert.Null((await db.Messages.SingleAsync(m => m.MessageUuid == tap)).MessageIntent);
        Assert.True((await db.OptOuts.SingleAsync(o => o.ContactNumber == contact)).IsOptedOut);
    }

    private async Task<AngleSharp.Dom.IDocument> GetDocumentAsync(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private async Task<long> ConversationIdAsync(string contact, ConversationChannel channel = ConversationChannel.Sms)
    {
        await using var db = app.CreateDb();
        return await db.Conversations.Where(c => c.ContactNumber == contact && c.Channel == channel).Select(c => c.Id).SingleAsync();
    }
}
