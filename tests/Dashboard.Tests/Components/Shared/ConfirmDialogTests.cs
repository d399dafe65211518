using Dashboard.Components.Shared;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Shared;

public class ConfirmDialogTests : ComponentTestBase
{
    [Theory]
    [InlineData("confirm-ok", true)]
    [InlineData("confirm-cancel", false)]
    public async Task TheAnswerIsTheButtonPressed(string button, bool confirmed)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();

        var answer = provider.InvokeAsync(() => dialogs.ConfirmAsync("Delete maria?", "They can no longer sign in.", "Delete", "Keep", destructive: true));
        var dialog = provider.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Contains("Delete maria?", provider.Find("[role=dialog]").TextContent);
        Assert.Contains("They can no longer sign in.", dialog.TextContent);
        Assert.Equal("Delete", provider.Find("[data-testid=confirm-ok]").TextContent.Trim());
        Assert.Equal("Keep", provider.Find("[data-testid=confirm-cancel]").TextContent.Trim());
        await provider.Find($"[data-testid={button}]").ClickAsync(new());

        Assert.Equal(confirmed, await answer);
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=confirm-dialog]")));
    }
}
