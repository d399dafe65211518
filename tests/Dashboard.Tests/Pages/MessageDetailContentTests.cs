using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

/// <summary>The message detail shows a message's content where its text would be, by the inbox's rule (MessageContent).</summary>
public class MessageDetailContentTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private const string Template =
        """{"name":"order_update","language":"en","components":[{"type":"body","parameters":[{"type":"text","text":"A-1042"},{"type":"text","text":"tomorrow"}]}]}""";

    [Fact]
    public async Task ATemplateMessageShowsItsTemplateAndParametersWhereTextWouldBe()
    {
        var uuid = await SendWhatsAppAsync(log: null, ("type", "whatsapp"), ("template", Template));

        var page = await PageHtml.GetAsync(app, $"/messages/{uuid}");

        var section = page.QuerySelector("[data-section=text]")!;
        Assert.Equal("order_update", section.QuerySelector("[data-template]")?.GetAttribute("data-template"));
        Assert.Contains("Template order_update (en)", section.TextContent);
        Assert.Equal(["A-1042", "tomorrow"], section.QuerySelectorAll("[data-template-parameter]").Select(p => p.TextContent));
        Assert.DoesNotContain("(no text", section.TextContent);
    }

    [Fact]
    public async Task AMessageWithoutContentSaysWhyThereIsNone()
    {
        var uuid = await SendWhatsAppAsync(log: "false", ("type", "whatsapp"), ("text", "kept out of the log"));

        var page = await PageHtml.GetAsync(app, $"/messages/{uuid}");

        Assert.Equal("(text not kept: sent with log=false)", page.QuerySelector("[data-section=text] [data-no-content]")?.TextContent.Trim());
    }

    private async Task<string> SendWhatsAppAsync(string? log, params (string Key, string Value)[] request)
    {
        var uuid = Callbacks.NewUuid();
        await app.Services.GetRequiredService<MessageWriter>().WriteOutboundAsync(new OutboundMessage
        {
            MessageUuid = uuid,
            From = "14155550100",
            To = "447700900181",
            Type = MessageType.WhatsApp,
            Log = log,
            Request = [.. request.Select(p => KeyValuePair.Create(p.Key, p.Value))],
        });
        return uuid;
    }
}
