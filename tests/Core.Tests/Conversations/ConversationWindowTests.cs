using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Conversations;

public class ConversationWindowTests
{
    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    private static readonly DateTime Inbound = new(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void WindowIsOpenOneTickBeforeTwentyFourHours()
    {
        var window = ConversationWindow.Compute(ConversationChannel.WhatsApp, Inbound, At(Inbound.AddHours(24).AddTicks(-1)));

        Assert.Equal(WindowStatus.Open, window.Status);
        Assert.Equal(TimeSpan.FromTicks(1), window.Remaining);
        Assert.Equal(Inbound.AddHours(24), window.ClosesAt);
    }

    [Fact]
    public void WindowIsClosedAtExactlyTwentyFourHours()
    {
        var window = ConversationWindow.Compute(ConversationChannel.WhatsApp, Inbound, At(Inbound.AddHours(24)));

        Assert.Equal(WindowStatus.Closed, window.Status);
        Assert.Equal(TimeSpan.Zero, window.Remaining);
    }

    [Fact]
    public void WhatsAppWithoutInboundHasNeverOpened()
    {
        var window = ConversationWindow.Compute(ConversationChannel.WhatsApp, null, At(Inbound));

        Assert.Equal(WindowStatus.NeverOpened, window.Status);
        Assert.False(window.IsOpen);
    }

    [Fact]
    public void SmsHasNoWindow() =>
        Assert.Equal(WindowStatus.NotApplicable, ConversationWindow.Compute(ConversationChannel.Sms, Inbound.AddDays(-30), At(Inbound)).Status);

    [Fact]
    public async Task OutboundMessagesNeitherOpenNorExtendTheWindow()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        var contact = "447700900001";

        await inbox.OutboundAsync(contact, "Your order shipped", MessageType.WhatsApp);
        var id = await inbox.ConversationIdAsync(contact, ConversationChannel.WhatsApp);
        var beforeInbound = (await inbox.Queries.GetAsync(id))!.Window;
        await inbox.InboundAsync(contact, "Thanks! When will it arrive?", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(23));
        await inbox.OutboundAsync(contact, "Tomorrow morning", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(1));
        var afterReply = (await inbox.Queries.GetAsync(id))!.Window;

        Assert.Equal(WindowStatus.NeverOpened, beforeInbound.Status);
        Assert.Equal(WindowStatus.Closed, afterReply.Status);
    }

    [Fact]
    public async Task EachInboundMessageRestartsTheWindow()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        var contact = "447700900002";

        await inbox.InboundAsync(contact, "Hi", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(20));
        await inbox.OutboundAsync(contact, "Hello, how can we help?", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(1));
        await inbox.InboundAsync(contact, "My parcel is late", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(20));
        var window = (await inbox.Queries.GetAsync(await inbox.ConversationIdAsync(contact, ConversationChannel.WhatsApp)))!.Window;

        Assert.Equal(WindowStatus.Open, window.Status);
        Assert.Equal(TimeSpan.FromHours(4), window.Remaining);
    }

    [Fact]
    public async Task WindowsOfTwoOfOurNumbersWithTheSameContactAreSeparate()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        var contact = "447700900003";

        await inbox.InboundAsync(contact, "Question for sales", MessageType.WhatsApp, to: InboxHarness.OurNumber);
        inbox.Advance(TimeSpan.FromHours(25));
        await inbox.InboundAsync(contact, "Question for support", MessageType.WhatsApp, to: InboxHarness.OtherNumber);
        var first = (await inbox.Queries.GetAsync(await inbox.ConversationIdAsync(contact, ConversationChannel.WhatsApp, InboxHarness.OurNumber)))!;
        var second = (await inbox.Queries.GetAsync(await inbox.ConversationIdAsync(contact, ConversationChannel.WhatsApp, InboxHarness.OtherNumber)))!;
        var open = await inbox.Queries.ListAsync(new InboxFilter { OpenWindowOnly = true });

        Assert.Equal(WindowStatus.Closed, first.Window.Status);
        Assert.Equal(WindowStatus.Open, second.Window.Status);
        Assert.Equal([second.Conversation.Id], open.Select(c => c.Id));
    }

    [Fact]
    public async Task SmsFromTheContactDoesNotOpenTheWhatsAppWindow()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);
        var contact = "447700900004";

        await inbox.OutboundAsync(contact, "Template: your appointment", MessageType.WhatsApp);
        await inbox.InboundAsync(contact, "Can I move it?", MessageType.Sms);
        var whatsApp = (await inbox.Queries.GetAsync(await inbox.ConversationIdAsync(contact, ConversationChannel.WhatsApp)))!;

        Assert.Equal(WindowStatus.NeverOpened, whatsApp.Window.Status);
    }

    [Fact]
    public async Task ExpiringSoonListsOpenWindowsClosingSoonestFirst()
    {
        await using var inbox = await InboxHarness.CreateAsync(Provider);

        await inbox.InboundAsync("447700900010", "oldest, already closed", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(2));
        await inbox.InboundAsync("447700900011", "closes first", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(1));
        await inbox.InboundAsync("447700900012", "closes last", MessageType.WhatsApp);
        await inbox.InboundAsync("447700900013", "sms has no window", MessageType.Sms);
        inbox.Advance(TimeSpan.FromHours(22));

        var expiring = await inbox.Queries.ExpiringWindowsAsync();

        Assert.Equal(["447700900011", "447700900012"], expiring.Select(c => c.ContactNumber));
        Assert.Equal(TimeSpan.FromHours(1), expiring[0].Window.Remaining);
    }

    private static DateTimeOffset At(DateTime utc) => new(utc, TimeSpan.Zero);
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgreSqlConversationWindowTests : ConversationWindowTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
