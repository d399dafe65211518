using Dashboard.Components.Pages.Compose;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>
/// The compose page as used over a circuit: filled in and submitted, sending through the simulator over HTTP. Each test
/// starts from the form filled in for a number of its own.
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
        Type("Destinations", _contact);
        Type("Text", "Your table is ready");
    }

    [Fact]
    public async Task ADoubleClickAndAThirdClickOnTheSameFormSendOneMessage()
    {
        var form = _page.Find("form");

        // Both submits of a double click are on their way before the page has re-rendered (same handler id).
        await Task.WhenAll(form.SubmitAsync(), form.SubmitAsync());
        await _page.Find("form").SubmitAsync();

        Assert.Equal(1, await OutboundCountAsync());
    }

    [Fact]
    public async Task AFormChangedAfterItWasSentIsANewMessage()
    {
        await _page.Find("form").SubmitAsync();

        Type("Text", "Your table is ready, at the window");
        await _page.Find("form").SubmitAsync();

        Assert.Equal(2, await OutboundCountAsync());
    }

    /// <summary>Types into the field <c>name=</c><paramref name="name"/>, as its input or change event.</summary>
    private void Type(string name, string value)
    {
        var field = _page.Find($"[name={name}]");
        if (field.HasAttribute("blazor:oninput"))
        {
            field.Input(value);
        }
        else
        {
            field.Change(value);
        }
    }

    private async Task<int> OutboundCountAsync()
    {
        await using var db = _app.CreateDb();
        return await db.Messages.CountAsync(m => m.ToNumber == _contact && m.Direction == MessageDirection.Outbound);
    }
}
