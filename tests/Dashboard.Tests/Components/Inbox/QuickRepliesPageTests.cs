using Dashboard.Components.Pages.Inbox;
using Dashboard.Core.Conversations;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Inbox;

[Collection(DashboardCollection.Name)]
public class QuickRepliesPageTests : ComponentTestBase
{
    private readonly DashboardFactory _app;

    public QuickRepliesPageTests(DashboardFactory app)
    {
        _app = app;
        UseAppServices(app.Services);
    }

    [Theory]
    [InlineData("confirm-cancel", true)]
    [InlineData("confirm-ok", false)]
    public async Task DeletingAsksFirstAndKeepsTheReplyWhenCancelled(string answer, bool kept)
    {
        var title = "Opening hours " + Guid.NewGuid().ToString("n")[..6];
        var saved = (await QuickReplies().SaveAsync(new QuickReplyInput(null, title, "We are open 9 to 5."))).Saved!;
        var provider = Render<MudDialogProvider>();
        var page = Render<QuickRepliesPage>();

        // The click's handler waits for the answer: answer before awaiting it.
        var deleting = page.Find($"[data-quick-reply='{saved.Id}'] [data-action=delete]").ClickAsync(new());
        provider.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Contains($"Delete \"{title}\"?", provider.Find("[role=dialog]").TextContent);
        await provider.Find($"[data-testid={answer}]").ClickAsync(new());
        await deleting.WaitAsync(TimeSpan.FromSeconds(10));

        page.WaitForAssertion(() => Assert.Equal(kept, page.FindAll($"[data-quick-reply='{saved.Id}']").Count == 1));
        Assert.Equal(kept, (await QuickReplies().ListAsync()).Any(q => q.Id == saved.Id));
    }

    [Fact]
    public async Task AnEmptyFormSaysWhatIsMissingNextToEachField()
    {
        var page = Render<QuickRepliesPage>();

        await page.Find("[data-testid=qr-save]").ClickAsync(new());

        Assert.Equal("Give the quick reply a short title.", page.ErrorOf("qr-title"));
        Assert.Equal("Write the reply's text.", page.ErrorOf("qr-text"));
    }

    [Fact]
    public async Task ATitleAlreadyTakenIsSaidOnTheTitleField()
    {
        var title = "Taken " + Guid.NewGuid().ToString("n")[..6];
        await QuickReplies().SaveAsync(new QuickReplyInput(null, title, "first"));
        var page = Render<QuickRepliesPage>();

        page.Type("qr-title", title);
        page.Type("qr-text", "second");
        await page.Find("[data-testid=qr-save]").ClickAsync(new());

        Assert.Equal($"There is already a quick reply titled \"{title}\".", page.ErrorOf("qr-title"));
    }

    private QuickReplies QuickReplies() => _app.Services.CreateScope().ServiceProvider.GetRequiredService<QuickReplies>();
}
