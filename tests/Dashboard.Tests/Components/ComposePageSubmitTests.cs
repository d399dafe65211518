using Dashboard.Components.Pages.Compose;
using Dashboard.Core.Messages;
using Bunit.Rendering;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>
/// The compose page as used over a circuit: filled in and sent, through the simulator over HTTP. Each test starts from
/// the form filled in for a number of its own.
/// </summary>
[Collection(LiveDashboardCollection.Name)]
public class ComposePageSubmitTests : ComponentTestBase
{
    private readonly LiveDashboard _app;
    private readonly string _contact = "1312555" + Random.Shared.Next(1000, 9999);
    private readonly IRenderedComponent<ComposePage> _page;

    public ComposePageSubmitTests(LiveDashboard app)
    {
        _app = app;
        UseAppServices(app.Services);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/compose");
        _page = Render<ComposePage>();
        _page.Type("Destinations", _contact);
        _page.Type("Text", "Your table is ready");
    }

    [Fact]
    public async Task ADoubleClickAndAThirdClickOnTheSameFormSendOneMessage()
    {
        var send = _page.Find("[data-testid=send]");

        // The second click of a double click carries the handler id the browser saw. Either it reaches the page while the
        // first is sending (the _sending guard drops it), or the page has re-rendered the button meanwhile and the circuit
        // drops it as a click on a handler that no longer exists: both ways nothing is sent twice.
        var first = send.ClickAsync(new());
        try
        {
            await send.ClickAsync(new());
        }
        catch (UnknownEventHandlerIdException)
        {
        }

        await first;
        await _page.SendAsync();

        Assert.Equal(1, await OutboundCountAsync());
    }

    [Fact]
    public async Task TheFormClearsAfterASendAndAFormFilledInAgainIsANewMessage()
    {
        await _page.SendAsync();

        Assert.Equal("", _page.Find("textarea[name=Destinations]").GetAttribute("value") ?? "");
        Assert.Equal("", _page.Find("textarea[name=Text]").GetAttribute("value") ?? "");
        Assert.Null(_page.ErrorOf("Destinations"));
        _page.Type("Destinations", _contact);
        _page.Type("Text", "Your table is ready, at the window");
        await _page.SendAsync();

        Assert.Equal(2, await OutboundCountAsync());
    }

    [Fact]
    public async Task TheResultFollowsEachMessageToItsFinalState()
    {
        await _page.SendAsync();

        var item = _page.Find("[data-sent-message]");
        Assert.Contains("+" + _contact, item.TextContent);
        _page.WaitForAssertion(
            () => Assert.Equal("true", _page.Find("[data-sent-message]").GetAttribute("data-final")), TimeSpan.FromSeconds(20));
        var state = _page.Find("[data-sent-message] [data-state]").GetAttribute("data-state");
        Assert.Contains(state, new[] { "delivered", "undelivered", "failed", "read" });
        Assert.Equal(state, PlivoNames.Of(await StoredStateAsync()));
    }

    private async Task<int> OutboundCountAsync()
    {
        await using var db = _app.CreateDb();
        return await db.Messages.CountAsync(m => m.ToNumber == _contact && m.Direction == MessageDirection.Outbound);
    }

    private async Task<MessageState> StoredStateAsync()
    {
        await using var db = _app.CreateDb();
        return await db.Messages.Where(m => m.ToNumber == _contact).Select(m => m.State).SingleAsync();
    }
}
