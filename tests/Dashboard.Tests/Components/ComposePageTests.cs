using Dashboard.Components.Pages.Compose;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>The compose form as one fills it in: the counter and the estimate follow each keystroke, errors sit next to their field in plain words.</summary>
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
        var page = RenderPage();

        Assert.Equal("Compose", page.Find("h1").TextContent.Trim());
        Assert.NotNull(page.Find("textarea[name=Destinations]"));
        Assert.NotNull(page.Find("textarea[name=Text]"));
        Assert.Contains("+14155550100 (US)", page.Markup);
        Assert.Equal("Gsm7", page.Counter().GetAttribute("data-encoding"));
        Assert.Contains("0 / 1,600 GSM-7 characters", page.Counter().TextContent);
        Assert.NotNull(page.Find("[data-estimate-empty]"));
        Assert.Null(page.ErrorOf("Destinations"));
    }

    [Fact]
    public void TheCounterSwitchesFromGsm7ToUcs2AsAnEmojiIsTyped()
    {
        var page = RenderPage();

        page.Type("Text", "See you at 8");
        Assert.Equal(("Gsm7", "12", "1"), Figures(page));
        Assert.Contains("12 / 1,600 GSM-7 characters", page.Counter().TextContent);
        Assert.Contains("1 unit", page.Counter().QuerySelector("[data-count=units]")!.TextContent);

        page.Type("Text", "See you at 8 🎉");

        Assert.Equal(("Ucs2", "15", "1"), Figures(page));
        Assert.Contains("15 / 737 UCS-2 characters", page.Counter().TextContent);
        Assert.Equal(["🎉"], page.FindAll("[data-unicode-char]").Select(c => c.TextContent));
    }

    [Fact]
    public void UnitsAndTheEstimateGrowAsTheTextAndTheRecipientsDo()
    {
        var page = RenderPage();
        page.Type("Destinations", "+1 415 555 0123");
        page.Type("Text", new string('a', 160));
        var oneUnit = page.Find("[data-estimate-total]").TextContent;

        page.Type("Text", new string('a', 161));

        Assert.Equal("2", page.Counter().GetAttribute("data-units"));
        var twoUnits = page.Find("[data-estimate-total]").TextContent;
        Assert.Equal(2 * decimal.Parse(oneUnit, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(twoUnits, System.Globalization.CultureInfo.InvariantCulture));

        page.Type("Destinations", "+1 415 555 0123, +44 7700 900123");

        Assert.Equal(["US", "GB"], page.FindAll("[data-estimate-line]").Select(l => l.GetAttribute("data-estimate-line")).Order().Reverse());
        Assert.Contains("2 recipients, one message each", page.Markup);
    }

    [Fact]
    public async Task SendingAnEmptyFormSaysWhatIsMissingNextToEachField()
    {
        var page = RenderPage();

        await page.SendAsync();

        Assert.Equal("Enter at least one recipient.", page.ErrorOf("Destinations"));
        Assert.Equal("Enter a message.", page.ErrorOf("Text"));
        Assert.DoesNotContain("parameter", page.Markup);
    }

    [Fact]
    public void ABadNumberIsNamedAsItIsTyped()
    {
        var page = RenderPage();

        page.Type("Destinations", "+1 415 555 0123, call me");

        Assert.Equal("'call me' is not a number in international format (country code first, e.g. +14155550123).", page.ErrorOf("Destinations"));

        page.Type("Destinations", "+1 415 555 0123");

        Assert.Null(page.ErrorOf("Destinations"));
    }

    [Fact]
    public void WhatsAppWithNeitherTextNorMediaAsksForOne()
    {
        var page = RenderPage();
        page.Find("[data-type=whatsapp]").Click();

        page.Type("Text", "x");
        page.Type("Text", "");

        Assert.Equal("Enter a message or choose media (or a template).", page.ErrorOf("Text"));
        Assert.Contains("0 / 4,096 characters", page.Counter().TextContent);
    }

    [Fact]
    public void TheCounterNamesTheCharactersThatForcedUnicode()
    {
        var preview = Preview(new ComposeRequest { Text = new string('a', 70) + " 🎉 ’", Destinations = "13125550100" });

        var counter = Render<ComposeCounter>(p => p.Add(c => c.Preview, preview).Add(c => c.Type, MessageType.Sms));

        var root = counter.Find("[data-counter]");
        Assert.Equal("Ucs2", root.GetAttribute("data-encoding"));
        Assert.Contains("Unicode (UCS-2)", root.TextContent);
        Assert.Contains("2 units", root.TextContent);
        Assert.Equal(["🎉", "’"], counter.FindAll("[data-unicode-char]").Select(c => c.TextContent));
    }

    [Fact]
    public void WhatsAppCountsAgainstItsOwnLimit()
    {
        var preview = Preview(new ComposeRequest { Sender = "14155550100", Destinations = "13125550100", Type = MessageType.WhatsApp, Text = "Thanks!" });

        var counter = Render<ComposeCounter>(p => p.Add(c => c.Preview, preview).Add(c => c.Type, MessageType.WhatsApp));

        Assert.Contains("7 / 4,096 characters", counter.Find("[data-counter]").TextContent);
    }

    private IRenderedComponent<ComposePage> RenderPage()
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/compose");
        return Render<ComposePage>();
    }

    private static (string?, string?, string?) Figures(IRenderedComponent<ComposePage> page)
    {
        var counter = page.Counter();
        return (counter.GetAttribute("data-encoding"), counter.GetAttribute("data-characters"), counter.GetAttribute("data-units"));
    }

    private ComposePreview Preview(ComposeRequest request)
    {
        using var scope = _app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<SendService>().Preview(request.ToCommand());
    }
}
