using Dashboard.Components.Pages.Compose;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Components;

/// <summary>
/// The compose page as used over a circuit: filled in and submitted, sending through the simulator over HTTP. Each test
/// starts from the form filled in for a number of its own.
/// </summary>
[Collection(LiveDashboardCollection.Name)]
public class ComposePageSubmitTests(LiveDashboard app) : IAsyncLifetime
{
    private readonly string _contact = "1312555" + Random.Shared.Next(1000, 9999);
    private HtmlComponentRenderer _renderer = null!;
    private InteractiveRenderer _page = null!;

    public async Task InitializeAsync()
    {
        _renderer = new HtmlComponentRenderer(app.Services);
        _page = await _renderer.RenderInteractiveAsync<ComposePage>(uri: "http://localhost/compose");
        await _page.InputAsync("Destinations", _contact);
        await _page.InputAsync("Text", "Your table is ready");
    }

    [Fact]
    public async Task ADoubleClickAndAThirdClickOnTheSameFormSendOneMessage()
    {
        var submit = await _page.FindHandlerAsync("form", "onsubmit");

        // Both submits of a double click are on their way before the page has re-rendered (same handler id).
        await Task.WhenAll(_page.DispatchAsync(submit, EventArgs.Empty), _page.DispatchAsync(submit, EventArgs.Empty));
        await SubmitAsync();

        Assert.Equal(1, await OutboundCountAsync());
    }

    [Fact]
    public async Task AFormChangedAfterItWasSentIsANewMessage()
    {
        await SubmitAsync();

        await _page.InputAsync("Text", "Your table is ready, at the window");
        await SubmitAsync();

        Assert.Equal(2, await OutboundCountAsync());
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        await _renderer.DisposeAsync();
    }

    private async Task SubmitAsync() => await _page.DispatchAsync(await _page.FindHandlerAsync("form", "onsubmit"), EventArgs.Empty);

    private async Task<int> OutboundCountAsync()
    {
        await using var db = app.CreateDb();
        return await db.Messages.CountAsync(m => m.ToNumber == _contact && m.Direction == MessageDirection.Outbound);
    }
}
