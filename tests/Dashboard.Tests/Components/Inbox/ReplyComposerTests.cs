using Dashboard.Components.Pages.Inbox;
using Dashboard.Core.Conversations;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components.Inbox;

/// <summary>The reply box as an agent meets it: what the WhatsApp window allows, and the draft's counter and cost following the typing.</summary>
[Collection(DashboardCollection.Name)]
public class ReplyComposerTests : ComponentTestBase
{
    public ReplyComposerTests(DashboardFactory app) => UseAppServices(app.Services);

    [Fact]
    public void OutsideTheWindowFreeTextIsRefusedAndATemplateOffered()
    {
        var composer = RenderComposer(ConversationChannel.WhatsApp, lastInboundHoursAgo: 25);

        Assert.Equal("template-only", composer.Find("[data-testid=reply-policy]").GetAttribute("data-policy"));
        Assert.Contains("only an approved template may be sent", composer.Find("[data-testid=reply-policy]").TextContent);
        Assert.Empty(composer.FindAll("[name=reply-text]"));
        Assert.Empty(composer.FindAll("[data-testid=reply-kind]"));
        var send = composer.Find("[data-testid=reply-send]");
        Assert.Contains("Send template", send.TextContent);
        Assert.True(send.HasAttribute("disabled"));

        composer.Find("[name=template-name]").Input("order_update");

        Assert.False(composer.Find("[data-testid=reply-send]").HasAttribute("disabled"));
        Assert.Contains("(utility)", composer.Find("[data-testid=reply-estimate]").TextContent);
    }

    [Fact]
    public void AContactWhoNeverWroteCanOnlyBeSentATemplate()
    {
        var composer = RenderComposer(ConversationChannel.WhatsApp, lastInboundHoursAgo: null);

        Assert.Equal("template-only", composer.Find("[data-testid=reply-policy]").GetAttribute("data-policy"));
        Assert.NotNull(composer.Find("[data-testid=template-fields]"));
        Assert.Empty(composer.FindAll("[name=reply-text]"));
    }

    [Fact]
    public void InsideTheWindowTextIsAllowedAndTheCounterFollowsTheTyping()
    {
        var composer = RenderComposer(ConversationChannel.WhatsApp, lastInboundHoursAgo: 2);

        Assert.Equal("ok", composer.Find("[data-testid=reply-policy]").GetAttribute("data-policy"));
        Assert.NotNull(composer.Find("[data-testid=reply-kind]"));
        Assert.True(composer.Find("[data-testid=reply-send]").HasAttribute("disabled"));

        composer.Find("[name=reply-text]").Input("On its way 🚚");

        Assert.Equal("13", composer.Find("[data-counter]").GetAttribute("data-characters"));
        Assert.False(composer.Find("[data-testid=reply-send]").HasAttribute("disabled"));
    }

    [Fact]
    public void AnSmsReplyCountsGsm7AndUcs2Units()
    {
        var composer = RenderComposer(ConversationChannel.Sms, lastInboundHoursAgo: 100);

        composer.Find("[name=reply-text]").Input(new string('a', 160));
        Assert.Equal(("Gsm7", "1"), (composer.Find("[data-counter]").GetAttribute("data-encoding"), composer.Find("[data-counter]").GetAttribute("data-units")));

        composer.Find("[name=reply-text]").Input(new string('a', 159) + "é€😀");

        Assert.Equal(("Ucs2", "3"), (composer.Find("[data-counter]").GetAttribute("data-encoding"), composer.Find("[data-counter]").GetAttribute("data-units")));
    }

    private IRenderedComponent<ReplyComposer> RenderComposer(ConversationChannel channel, double? lastInboundHoursAgo)
    {
        var now = DateTimeOffset.UtcNow;
        var lastInbound = lastInboundHoursAgo is { } hours ? now.UtcDateTime.AddHours(-hours) : (DateTime?)null;
        var conversation = new Conversation
        {
            Id = 424242,
            OurNumber = "14155550100",
            ContactNumber = "447700900777",
            Channel = channel,
            LastInboundAt = lastInbound,
            LastMessageAt = now.UtcDateTime.AddHours(-1),
            MessageCount = 2,
        };
        var detail = new ConversationDetail(conversation, null, ConversationWindow.Compute(channel, lastInbound, now), null);
        return Render<ReplyComposer>(p => p.Add(c => c.Detail, detail));
    }
}
