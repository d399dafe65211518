using Dashboard.Components.Pages.Compose;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

[Collection(DashboardCollection.Name)]
public class ComposePageTests : ComponentTestBase
{
    private readonly DashboardFactory _app;

    public ComposePageTests(DashboardFactory app)
    {
        _app = app;
        UseAppServices(app.Services);
    }

    [Fact]
    public void TheFormOffersOurNumbersAndStartsWithAnEmptyGsmCounter()
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/compose");

        var page = Render<ComposePage>();

        Assert.Equal("Compose", page.Find("h1").TextContent.Trim());
        Assert.NotNull(page.Find("textarea[name=Destinations]"));
        Assert.NotNull(page.Find("textarea[name=Text]"));
        Assert.Contains("+14155550100 (US)", page.Markup);
        Assert.Equal("Gsm7", page.Find(".compose-counter").GetAttribute("data-encoding"));
        Assert.Contains("0 / 1600 characters", page.Find(".compose-counter").TextContent);
        Assert.Contains("Add recipients to see the cost.", page.Markup);
        Assert.NotNull(page.Find("button[type=submit]"));
    }

    [Fact]
    public void TheCounterNamesTheCharactersThatForcedUnicode()
    {
        var preview = Preview(new ComposeRequest { Text = new string('a', 70) + " 🎉 ’", Destinations = "13125550100" });

        var counter = Render<ComposeCounter>(p => p.Add(c => c.Preview, preview).Add(c => c.Type, MessageType.Sms));

        var root = counter.Find(".compose-counter");
        Assert.Equal("Ucs2", root.GetAttribute("data-encoding"));
        Assert.Contains("Unicode (UCS-2)", root.TextContent);
        Assert.Contains("2 units", root.TextContent);
        Assert.Equal(["🎉", "’"], counter.FindAll(".unicode-char").Select(c => c.TextContent));
    }

    [Fact]
    public void WhatsAppCountsAgainstItsOwnLimit()
    {
        var preview = Preview(new ComposeRequest { Sender = "14155550100", Destinations = "13125550100", Type = MessageType.WhatsApp, Text = "Thanks!" });

        var counter = Render<ComposeCounter>(p => p.Add(c => c.Preview, preview).Add(c => c.Type, MessageType.WhatsApp));

        Assert.Contains("7 / 4096 characters", counter.Find(".compose-counter").TextContent);
    }

    private ComposePreview Preview(ComposeRequest request)
    {
        using var scope = _app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<SendService>().Preview(request.ToCommand());
    }
}
