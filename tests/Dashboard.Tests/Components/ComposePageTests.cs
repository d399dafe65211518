using Dashboard.Components.Pages.Compose;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

[Collection(DashboardCollection.Name)]
public class ComposePageTests(DashboardFactory app)
{
    [Fact]
    public async Task TheFormOffersOurNumbersAndStartsWithAnEmptyGsmCounter()
    {
        await using var renderer = new HtmlComponentRenderer(app.Services);

        var page = await renderer.RenderAsync<ComposePage>(uri: "http://localhost/compose");

        Assert.Equal("Compose", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("textarea[name=Destinations]"));
        Assert.NotNull(page.QuerySelector("textarea[name=Text]"));
        Assert.Contains("+14155550100 (US)", page.Body!.TextContent);
        Assert.Equal("Gsm7", page.QuerySelector(".compose-counter")?.GetAttribute("data-encoding"));
        Assert.Contains("0 / 1600 characters", page.QuerySelector(".compose-counter")!.TextContent);
        Assert.Contains("Add recipients to see the cost.", page.Body.TextContent);
        Assert.NotNull(page.QuerySelector("button[type=submit]"));
    }

    [Fact]
    public async Task TheCounterNamesTheCharactersThatForcedUnicode()
    {
        var preview = Preview(new string('a', 70) + " 🎉 ’");
        await using var renderer = new HtmlComponentRenderer(app.Services);

        var counter = await renderer.RenderAsync<ComposeCounter>(new Dictionary<string, object?>
        {
            [nameof(ComposeCounter.Preview)] = preview,
            [nameof(ComposeCounter.Type)] = MessageType.Sms,
        });

        var root = counter.QuerySelector(".compose-counter")!;
        Assert.Equal("Ucs2", root.GetAttribute("data-encoding"));
        Assert.Contains("Unicode (UCS-2)", root.TextContent);
        Assert.Contains("2 units", root.TextContent);
        Assert.Equal(["🎉", "’"], counter.QuerySelectorAll(".unicode-char").Select(c => c.TextContent));
    }

    [Fact]
    public async Task WhatsAppCountsAgainstItsOwnLimit()
    {
        var request = new ComposeRequest { Sender = "14155550100", Destinations = "13125550100", Type = MessageType.WhatsApp, Text = "Thanks!" };
        await using var renderer = new HtmlComponentRenderer(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var preview = scope.ServiceProvider.GetRequiredService<SendService>().Preview(request.ToCommand());

        var counter = await renderer.RenderAsync<ComposeCounter>(new Dictionary<string, object?>
        {
            [nameof(ComposeCounter.Preview)] = preview,
            [nameof(ComposeCounter.Type)] = MessageType.WhatsApp,
        });

        Assert.Contains("7 / 4096 characters", counter.QuerySelector(".compose-counter")!.TextContent);
    }

    private ComposePreview Preview(string text)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<SendService>().Preview(new ComposeRequest { Text = text, Destinations = "13125550100" }.ToCommand());
    }
}
