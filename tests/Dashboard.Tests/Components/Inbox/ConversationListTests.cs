using Dashboard.Components.Pages.Inbox;
using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components.Inbox;

public sealed class ConversationListTests : ComponentTestBase
{
    [Fact]
    public void RowsShowChannelUnreadOptOutAndWindowAndKeepTheFilters()
    {
        var now = Time.GetUtcNow().UtcDateTime;
        var window = ConversationWindow.Compute(ConversationChannel.WhatsApp, now.AddHours(-1), Time.GetUtcNow());
        ConversationSummary[] items =
        [
            new(1, "447700900100", "447700900555", ConversationChannel.WhatsApp, MessageType.WhatsApp, now, "Could you bring the box?", true, 2, false, window, false),
            new(2, "14155550100", "14155550123", ConversationChannel.Sms, MessageType.Mms, now.AddMinutes(-5), "[1 attachment]", true, 0, true, ConversationWindow.Compute(ConversationChannel.Sms, now, Time.GetUtcNow()), false),
            new(3, "14155550100", "14155550177", ConversationChannel.Sms, MessageType.Sms, now.AddMinutes(-9), "please stop texting me", true, 1, false, ConversationWindow.Compute(ConversationChannel.Sms, now, Time.GetUtcNow()), true),
        ];

        var document = Render<ConversationList>(p => p
            .Add(l => l.Items, items)
            .Add(l => l.SelectedId, 2L)
            .Add(l => l.QueryString, "?channel=sms"));

        var rows = document.FindAll("a[data-conversation]");
        Assert.Equal(["inbox/1?channel=sms", "inbox/2?channel=sms", "inbox/3?channel=sms"], rows.Select(r => r.GetAttribute("href")));
        Assert.Equal(["WhatsApp", "MMS", "SMS"], rows.Select(r => r.QuerySelector("[data-channel]")!.GetAttribute("data-channel")));
        Assert.Equal("2", rows[0].QuerySelector("[data-unread]")!.TextContent);
        Assert.Contains("23 h 0 m", rows[0].QuerySelector("[data-window=open]")!.TextContent);
        Assert.Equal("true", rows[1].GetAttribute("data-selected"));
        Assert.Equal("page", rows[1].GetAttribute("aria-current"));
        Assert.NotNull(rows[1].QuerySelector("[data-marker=opted-out]"));
        Assert.NotNull(rows[2].QuerySelector("[data-marker=review]"));
        Assert.Equal("+447700900555", rows[0].QuerySelector("[data-contact]")!.TextContent);
    }

    [Fact]
    public void TimesAreTheViewersAndATemplateReplyPreviewsAsItsTemplate()
    {
        Viewer.Use("Europe/Berlin");
        var now = Time.GetUtcNow().UtcDateTime;
        ConversationSummary[] items =
        [
            new(1, "447700900100", "447700900555", ConversationChannel.WhatsApp, MessageType.WhatsApp, now.AddMinutes(-30), "Template order_update: A-1042", false, 0, false,
                ConversationWindow.Compute(ConversationChannel.WhatsApp, null, Time.GetUtcNow()), false),
        ];

        var document = Render<ConversationList>(p => p.Add(l => l.Items, items));

        Assert.Equal("You: Template order_update: A-1042", document.Find("[data-preview]").TextContent);
        Assert.Equal("12:30 UTC+1", document.Find("time").TextContent);
        Assert.Equal("2026-11-20 11:30:00.000 UTC", document.Find("time").GetAttribute("title"));
    }

    [Theory]
    [InlineData(false, "No conversations yet")]
    [InlineData(true, "No conversations match")]
    public void EmptyListExplainsItself(bool filtered, string text)
    {
        var document = Render<ConversationList>(p => p
            .Add(l => l.Items, Array.Empty<ConversationSummary>())
            .Add(l => l.Filtered, filtered));

        Assert.Contains(text, document.Find("[data-testid=inbox-empty]").TextContent);
    }
}
