using Dashboard.Components.Pages.Inbox;
using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Components.Inbox;

public sealed class ConversationListTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private readonly HtmlComponentRenderer _renderer;

    public ConversationListTests() => _renderer = HtmlComponentRenderer.Standalone(_time);

    [Fact]
    public async Task RowsShowChannelUnreadOptOutAndWindowAndKeepTheFilters()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var window = ConversationWindow.Compute(ConversationChannel.WhatsApp, now.AddHours(-1), _time.GetUtcNow());
        ConversationSummary[] items =
        [
            new(1, "447700900100", "447700900555", ConversationChannel.WhatsApp, MessageType.WhatsApp, now, "Could you bring the box?", true, 2, false, window, false),
            new(2, "14155550100", "14155550123", ConversationChannel.Sms, MessageType.Mms, now.AddMinutes(-5), "[1 attachment]", true, 0, true, ConversationWindow.Compute(ConversationChannel.Sms, now, _time.GetUtcNow()), false),
            new(3, "14155550100", "14155550177", ConversationChannel.Sms, MessageType.Sms, now.AddMinutes(-9), "please stop texting me", true, 1, false, ConversationWindow.Compute(ConversationChannel.Sms, now, _time.GetUtcNow()), true),
        ];

        var document = await _renderer.RenderAsync<ConversationList>(new Dictionary<string, object?>
        {
            [nameof(ConversationList.Items)] = items,
            [nameof(ConversationList.SelectedId)] = 2L,
            [nameof(ConversationList.QueryString)] = "?channel=sms",
        });

        var rows = document.QuerySelectorAll("a.item");
        Assert.Equal(["inbox/1?channel=sms", "inbox/2?channel=sms", "inbox/3?channel=sms"], rows.Select(r => r.GetAttribute("href")));
        Assert.Equal(["WhatsApp", "MMS", "SMS"], rows.Select(r => r.QuerySelector(".channel")!.TextContent));
        Assert.Equal("2", rows[0].QuerySelector(".unread-count")!.TextContent);
        Assert.Contains("23:00:00", rows[0].QuerySelector(".window.open")!.TextContent);
        Assert.True(rows[1].ClassList.Contains("selected"));
        Assert.NotNull(rows[1].QuerySelector(".marker.optedout"));
        Assert.NotNull(rows[2].QuerySelector(".marker.review"));
        Assert.Equal("+447700900555", rows[0].QuerySelector(".contact")!.TextContent);
    }

    [Theory]
    [InlineData(false, "No conversations yet")]
    [InlineData(true, "No conversations match")]
    public async Task EmptyListExplainsItself(bool filtered, string text)
    {
        var document = await _renderer.RenderAsync<ConversationList>(new Dictionary<string, object?>
        {
            [nameof(ConversationList.Items)] = Array.Empty<ConversationSummary>(),
            [nameof(ConversationList.Filtered)] = filtered,
        });

        Assert.Contains(text, document.QuerySelector("[data-testid=inbox-empty]")!.TextContent);
    }

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();
}
