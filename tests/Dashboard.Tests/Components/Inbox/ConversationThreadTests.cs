using AngleSharp.Dom;
using Dashboard.Components.Pages.Inbox;
using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components.Inbox;

public sealed class ConversationThreadTests : ComponentTestBase
{
    private static readonly DateTime At = new(2026, 11, 20, 11, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void ImagesAreShownInlineAndOtherMediaAsLinks()
    {
        var message = Inbound("m1", "Photo and invoice") with
        {
            Type = MessageType.Mms,
            Media = [new("https://media.example/photo.jpg", null), new("https://media.example/invoice.pdf", null), new("https://media.example/v", "video/mp4")],
        };

        var bubble = RenderBubble(message);

        var image = Assert.Single(bubble.QuerySelectorAll("a.media.image img"));
        Assert.Equal("https://media.example/photo.jpg", image.GetAttribute("src"));
        Assert.Equal(["https://media.example/invoice.pdf", "https://media.example/v"], bubble.QuerySelectorAll("a.media.file").Select(a => a.GetAttribute("href")));
        Assert.Contains("video/mp4", bubble.QuerySelectorAll("a.media.file")[1].TextContent);
        Assert.Equal("MMS", bubble.QuerySelector(".meta .type")!.TextContent);
    }

    [Fact]
    public void MediaThatIsNotHttpNeverBecomesALinkOrImage()
    {
        var bubble = RenderBubble(Inbound("m2", null) with { Media = [new("javascript:alert(1)", "image/png")] });

        Assert.Empty(bubble.QuerySelectorAll("a, img"));
        Assert.Contains("javascript:alert(1)", bubble.QuerySelector(".media.unsafe")!.TextContent);
    }

    [Fact]
    public void MessageTextIsRenderedAsTextNeverAsHtml()
    {
        var bubble = RenderBubble(Inbound("m3", "<b>bold</b><script>alert(1)</script><img src=x onerror=alert(2)>"));

        Assert.Empty(bubble.QuerySelectorAll("b, script, img"));
        Assert.Equal("<b>bold</b><script>alert(1)</script><img src=x onerror=alert(2)>", bubble.QuerySelector(".text")!.TextContent);
    }

    [Fact]
    public void ButtonReplyShowsTheButtonAndTheMessageItAnswers()
    {
        var message = Inbound("m4", "Yes, confirm") with
        {
            Type = MessageType.WhatsApp,
            ButtonText = "Yes, confirm",
            ButtonPayload = "CONFIRM-10AM",
            ContentType = "button",
            Context = new ThreadQuote("q-uuid", MessageDirection.Outbound, "Is 10:00 tomorrow OK?", true),
        };

        var bubble = RenderBubble(message);

        var button = bubble.QuerySelector(".button-reply")!;
        Assert.Contains("Yes, confirm", button.TextContent);
        Assert.Equal("CONFIRM-10AM", button.GetAttribute("data-button-payload"));
        var quote = bubble.QuerySelector(".quote")!;
        Assert.Equal("q-uuid", quote.GetAttribute("data-context"));
        Assert.Contains("our message", quote.TextContent);
        Assert.Equal("Is 10:00 tomorrow OK?", quote.QuerySelector(".quote-text")!.TextContent);
        Assert.Null(bubble.QuerySelector(".text"));
    }

    [Fact]
    public void ReplyToAMessageWeDoNotHaveSaysSo()
    {
        var bubble = RenderBubble(Inbound("m5", "this one") with { Context = new ThreadQuote("gone", null, null, false) });

        Assert.Contains("a message not in this thread", bubble.QuerySelector(".quote")!.TextContent);
        Assert.Null(bubble.QuerySelector(".quote-text"));
    }

    [Theory]
    [InlineData(MessageState.Queued, "queued")]
    [InlineData(MessageState.Sent, "sent")]
    [InlineData(MessageState.Delivered, "delivered")]
    [InlineData(MessageState.Read, "read")]
    public void OutboundMessagesShowDeliveryTicks(MessageState state, string tick)
    {
        var bubble = RenderBubble(Outbound("o1", state));

        var ticks = bubble.QuerySelector(".ticks")!;
        Assert.Equal(tick, ticks.GetAttribute("data-tick"));
        Assert.Equal(state switch { MessageState.Sent => "✓", MessageState.Delivered or MessageState.Read => "✓✓", _ => "" }, ticks.TextContent.Trim().Replace("schedule", ""));
        Assert.Equal(state == MessageState.Read, ticks.ClassList.Contains("read"));
    }

    [Fact]
    public void FailedOutboundShowsTheErrorsMeaning()
    {
        var bubble = RenderBubble(Outbound("o2", MessageState.Undelivered) with { ErrorCode = "30" });

        var ticks = bubble.QuerySelector(".ticks.failed")!;
        Assert.Equal("undelivered", ticks.GetAttribute("data-tick"));
        Assert.Contains(PlivoErrorCodes.Describe("30").Name, ticks.TextContent);
        Assert.Equal(PlivoErrorCodes.Describe("30").Meaning, ticks.GetAttribute("title"));
    }

    [Fact]
    public void InboundMessagesHaveNoTicks() => Assert.Null(RenderBubble(Inbound("i1", "hi")).QuerySelector(".ticks"));

    [Fact]
    public void KeywordMessagesShowTheOptOutHistory()
    {
        var document = RenderThread([Inbound("k1", "STOP") with { MessageIntent = "optout" }, Inbound("k2", "START") with { MessageIntent = "optin" }]);

        Assert.Equal(["optout", "optin"], document.FindAll(".intent").Select(e => e.GetAttribute("data-intent")));
        Assert.Contains("opted out", document.FindAll(".intent")[0].TextContent);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void FreeTextOptOutRequestIsFlaggedWithAOneClickOptOut(bool canOptOut, int buttons)
    {
        var document = RenderThread([Inbound("f1", "please stop texting me") with { LooksLikeOptOut = true }], canOptOut);

        var flag = document.Find("[data-testid=optout-flag]")!;
        Assert.Equal(buttons, flag.QuerySelectorAll("button").Length);
        Assert.Equal(canOptOut, flag.TextContent.Contains("Opt out this contact"));
    }

    [Fact]
    public void BubblesAreSidedByDirectionAndSeparatedByDay()
    {
        var document = RenderThread([Inbound("d1", "yesterday") with { MessageTime = At.AddDays(-1) }, Inbound("d2", "today"), Outbound("d3", MessageState.Sent)]);

        Assert.Equal(["inbound", "inbound", "outbound"], document.FindAll(".bubble").Select(b => b.GetAttribute("data-direction")));
        Assert.Equal(2, document.FindAll(".day").Count);
    }

    [Fact]
    public void ATemplateMessageShowsItsTemplateWhereTheTextWouldBe()
    {
        var message = Outbound("t1", MessageState.Delivered) with
        {
            Type = MessageType.WhatsApp,
            Text = null,
            Template = new SentTemplate("order_update", "en", ["A-1042", "tomorrow"]),
        };

        var bubble = RenderBubble(message);

        var template = bubble.QuerySelector("[data-template]")!;
        Assert.Equal("order_update", template.GetAttribute("data-template"));
        Assert.Contains("Template order_update (en)", template.TextContent);
        Assert.Equal(["A-1042", "tomorrow"], bubble.QuerySelectorAll("[data-template-parameter]").Select(p => p.TextContent));
        Assert.DoesNotContain("no text", bubble.TextContent);
    }

    [Fact]
    public void AnOutboundTextNotKeptSaysWhy()
    {
        var bubble = RenderBubble(Outbound("t2", MessageState.Sent) with { Text = null, Log = "false" });

        Assert.Contains("(text not kept: sent with log=false)", bubble.TextContent);
    }

    [Fact]
    public void EmptyThreadSaysSo() =>
        Assert.Contains("No messages", RenderThread([]).Find(".empty").TextContent);

    private IElement RenderBubble(ThreadMessage message) =>
        RenderThread([message]).Find($"[data-message='{message.MessageUuid}']");

    private IRenderedComponent<ConversationThread> RenderThread(IReadOnlyList<ThreadMessage> messages, bool canOptOut = true) =>
        Render<ConversationThread>(p => p.Add(t => t.Messages, messages).Add(t => t.CanOptOut, canOptOut));

    private static ThreadMessage Inbound(string uuid, string? text) => new()
    {
        Id = uuid.GetHashCode(),
        MessageUuid = uuid,
        Direction = MessageDirection.Inbound,
        State = MessageState.Delivered,
        Text = text,
        MessageTime = At,
    };

    private static ThreadMessage Outbound(string uuid, MessageState state) => new()
    {
        Id = uuid.GetHashCode(),
        MessageUuid = uuid,
        Direction = MessageDirection.Outbound,
        State = state,
        Text = "Your order is on its way",
        MessageTime = At,
    };
}
