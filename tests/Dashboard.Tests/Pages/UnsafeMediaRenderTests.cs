using Dashboard.Core.Messages;
using Dashboard.Core.Webhooks;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

/// <summary>
/// Media stored before the webhook parser refused such addresses (or by any other writer) must never become a link:
/// the message detail page shows them as text.
/// </summary>
public class UnsafeMediaRenderTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task MessageDetailShowsJavascriptAndDataMediaAsTextNotLinks()
    {
        var uuid = Callbacks.NewUuid();
        await app.Services.GetRequiredService<MessageWriter>().WriteInboundAsync(new InboundMessage
        {
            MessageUuid = uuid,
            From = "14155550199",
            To = "14155550100",
            Type = MessageType.Mms,
            MediaCount = 3,
            Media =
            [
                new InboundMedia(1, "javascript:alert(document.cookie)"),
                new InboundMedia(2, "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
                new InboundMedia(3, "https://media.example.com/ok.png"),
            ],
            MimeType = "image/png",
            Raw = [],
        }, intent: null);

        var page = await PageHtml.GetAsync(app, $"/messages/{uuid}");

        var hrefs = page.QuerySelectorAll("[data-section=media] a").Select(a => a.GetAttribute("href")).ToList();
        var sources = page.QuerySelectorAll("[data-section=media] img").Select(i => i.GetAttribute("src")).ToList();
        Assert.All(hrefs.Concat(sources), url => Assert.Equal("https://media.example.com/ok.png", url));
        Assert.NotEmpty(hrefs);
        Assert.Equal(2, page.QuerySelectorAll("[data-section=media] [data-unsafe-media]").Length);
    }
}
