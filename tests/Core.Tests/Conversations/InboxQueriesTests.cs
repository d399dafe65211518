using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Webhooks;

namespace Dashboard.Core.Tests.Conversations;

public class InboxQueriesTests
{
    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    [Fact]
    public async Task SmsAndMmsShareAThreadWhileWhatsAppAndOtherNumbersHaveTheirOwn()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        var contact = "14155550200";

        await inbox.InboundAsync(contact, "sms", MessageType.Sms);
        await inbox.InboundAsync(contact, "mms", MessageType.Mms);
        await inbox.OutboundAsync(contact, "our sms reply");
        await inbox.InboundAsync(contact, "whatsapp", MessageType.WhatsApp);
        await inbox.InboundAsync(contact, "to our other number", to: InboxHarness.OtherNumber);

        var list = await inbox.Queries.ListAsync(new InboxFilter());

        Assert.Equal(3, list.Count);
        var sms = list.Single(c => c.Channel == ConversationChannel.Sms && c.OurNumber == InboxHarness.OurNumber);
        Assert.Equal(2, sms.UnreadCount);
        Assert.Equal("our sms reply", sms.LastMessagePreview);
        Assert.Equal(MessageType.Sms, sms.LastMessageType);
        Assert.Equal(3, (await inbox.Queries.GetThreadAsync(sms.Id)).Messages.Count);
        Assert.Equal(1, list.Single(c => c.Channel == ConversationChannel.WhatsApp).UnreadCount);
        Assert.Equal(1, list.Single(c => c.OurNumber == InboxHarness.OtherNumber).UnreadCount);
        Assert.Equal(4, await inbox.Queries.TotalUnreadAsync());
    }

    [Fact]
    public async Task NewestActivityComesFirstAndANewInboundMovesItsConversationToTheTop()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550201", "first");
        inbox.Advance(TimeSpan.FromMinutes(1));
        await inbox.InboundAsync("14155550202", "second");
        var before = await inbox.Queries.ListAsync(new InboxFilter());

        inbox.Advance(TimeSpan.FromMinutes(1));
        await inbox.InboundAsync("14155550201", "first again");
        var after = await inbox.Queries.ListAsync(new InboxFilter());

        Assert.Equal(["14155550202", "14155550201"], before.Select(c => c.ContactNumber));
        Assert.Equal(["14155550201", "14155550202"], after.Select(c => c.ContactNumber));
        Assert.Equal("first again", after[0].LastMessagePreview);
    }

    [Fact]
    public async Task FiltersNarrowTheList()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550210", "unread sms");
        await inbox.InboundAsync("14155550211", "read sms");
        await inbox.MarkReadAsync("14155550211");
        await inbox.InboundAsync("447700900212", "whatsapp, window open", MessageType.WhatsApp);
        await inbox.OutboundAsync("447700900213", "template only", MessageType.WhatsApp);
        await inbox.InboundAsync("14155550214", "other number", to: InboxHarness.OtherNumber);

        Assert.Equal(["14155550214", "447700900212", "14155550210"], await Contacts(new InboxFilter { UnreadOnly = true }));
        Assert.Equal(["447700900213", "447700900212"], await Contacts(new InboxFilter { Channel = ConversationChannel.WhatsApp }));
        Assert.Equal(["447700900212"], await Contacts(new InboxFilter { OpenWindowOnly = true }));
        Assert.Equal(["14155550214"], await Contacts(new InboxFilter { OurNumber = "+1 415 555 0101" }));
        Assert.Equal([InboxHarness.OurNumber, InboxHarness.OtherNumber], await inbox.Queries.OurNumbersAsync());

        async Task<IEnumerable<string>> Contacts(InboxFilter filter) => (await inbox.Queries.ListAsync(filter)).Select(c => c.ContactNumber);
    }

    [Fact]
    public async Task SearchByAMessageUuidFindsItsConversationAsTheMessageLogFindsTheMessage()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        var uuid = Guid.NewGuid().ToString();
        await inbox.InboundAsync("14155550230", "the one we look for", uuid: uuid);
        await inbox.InboundAsync("14155550231", "another");

        var found = await inbox.Queries.ListAsync(new InboxFilter { Search = uuid.ToUpperInvariant() });

        Assert.Equal(["14155550230"], found.Select(c => c.ContactNumber));
    }

    [Fact]
    public async Task SearchFindsANumberOrWordsAnywhereInTheThread()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550220", "Where is my PARCEL?");
        await inbox.InboundAsync("14155550220", "latest message");
        await inbox.InboundAsync("14155550221", "100% happy_customer");

        Assert.Equal(["14155550220"], await Contacts("parcel"));
        Assert.Equal(["14155550221"], await Contacts("+1 (415) 555-0221"));
        Assert.Equal(["14155550221"], await Contacts("100%"));
        Assert.Equal(["14155550221"], await Contacts("y_c"));
        Assert.Empty(await Contacts("0%_"));

        async Task<IEnumerable<string>> Contacts(string search) =>
            (await inbox.Queries.ListAsync(new InboxFilter { Search = search })).Select(c => c.ContactNumber);
    }

    [Fact]
    public async Task FreeTextOptOutRequestIsFlaggedUntilTheContactIsOptedOut()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550230", "Please stop texting me");
        await inbox.InboundAsync("14155550231", "Thanks, that stopped the leak");
        var id = await inbox.ConversationIdAsync("14155550230");

        var flagged = (await inbox.Queries.ListAsync(new InboxFilter())).Where(c => c.NeedsOptOutReview).Select(c => c.ContactNumber);
        var thread = await inbox.Queries.GetThreadAsync(id);
        await inbox.Replies.OptOutAsync(id);
        var afterOptOut = (await inbox.Queries.ListAsync(new InboxFilter())).Single(c => c.Id == id);

        Assert.Equal(["14155550230"], flagged);
        Assert.True(thread.Messages.Single().LooksLikeOptOut);
        Assert.False(afterOptOut.NeedsOptOutReview);
        Assert.True(afterOptOut.IsOptedOut);
    }

    [Fact]
    public async Task KeywordMessagesCarryTheirIntentAndAreNotFlaggedAsFreeText()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        await inbox.InboundAsync("14155550232", "STOP", intent: OptOutKeywords.OptOut);
        await inbox.InboundAsync("14155550232", "START", intent: OptOutKeywords.OptIn);
        var id = await inbox.ConversationIdAsync("14155550232");

        var thread = await inbox.Queries.GetThreadAsync(id);
        var detail = await inbox.Queries.GetAsync(id);

        Assert.Equal([OptOutKeywords.OptOut, OptOutKeywords.OptIn], thread.Messages.Select(m => m.MessageIntent));
        Assert.All(thread.Messages, m => Assert.False(m.LooksLikeOptOut));
        Assert.False(detail!.IsOptedOut);
        Assert.Equal("START", detail.OptOut!.Reason);
    }

    [Fact]
    public async Task ThreadCarriesMediaButtonRepliesAndTheMessageTheyAnswer()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        var contact = "447700900240";
        var question = Guid.NewGuid().ToString();
        await inbox.OutboundAsync(contact, "Is 10:00 tomorrow OK?", MessageType.WhatsApp, uuid: question);
        await inbox.InboundAsync(contact, "Yes", MessageType.WhatsApp, context: question, buttonText: "Yes");
        await inbox.InboundAsync(contact, "photo", MessageType.WhatsApp, media: [new InboundMedia(1, "https://media.example/a.jpg")], mimeType: "image/jpeg");
        await inbox.InboundAsync(contact, "re: something old", MessageType.WhatsApp, context: "0f8c6a3e-0000-4000-8000-000000000000");

        var thread = await inbox.Queries.GetThreadAsync(await inbox.ConversationIdAsync(contact, ConversationChannel.WhatsApp));

        Assert.Equal(4, thread.Messages.Count);
        Assert.False(thread.HasEarlier);
        var button = thread.Messages[1];
        Assert.Equal(("Yes", "Yes-payload"), (button.ButtonText, button.ButtonPayload));
        Assert.Equal(new ThreadQuote(question, MessageDirection.Outbound, "Is 10:00 tomorrow OK?", true), button.Context);
        Assert.Equal([new ThreadMedia("https://media.example/a.jpg", "image/jpeg")], thread.Messages[2].Media);
        Assert.False(thread.Messages[3].Context!.Found);
    }

    [Fact]
    public async Task ThreadShowsTheNewestMessagesInOrderAndSaysWhenThereAreEarlierOnes()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        for (var i = 1; i <= 5; i++)
        {
            await inbox.InboundAsync("14155550250", $"message {i}");
            inbox.Advance(TimeSpan.FromSeconds(1));
        }

        var thread = await inbox.Queries.GetThreadAsync(await inbox.ConversationIdAsync("14155550250"), limit: 3);

        Assert.True(thread.HasEarlier);
        Assert.Equal(["message 3", "message 4", "message 5"], thread.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task WhatsAppDetailShowsPlivosConversationFromCallbacks()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        var contact = "447700900260";
        var uuid = Guid.NewGuid().ToString();
        var expires = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
        await inbox.OutboundAsync(contact, "Your code is 1234", MessageType.WhatsApp, uuid: uuid);
        await inbox.Database.Writer.WriteStatusAsync(new StatusCallback
        {
            MessageUuid = uuid, From = InboxHarness.OurNumber, To = contact, Type = MessageType.WhatsApp, Status = MessageState.Delivered,
            Sequence = 2, PlivoConversationId = "conv-abc", ConversationOrigin = "authentication", ConversationExpiresAt = expires, Raw = [],
        });

        var detail = await inbox.Queries.GetAsync(await inbox.ConversationIdAsync(contact, ConversationChannel.WhatsApp));

        Assert.Equal(new PlivoConversationInfo("conv-abc", "authentication", expires), detail!.PlivoConversation);
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgreSqlInboxQueriesTests : InboxQueriesTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
