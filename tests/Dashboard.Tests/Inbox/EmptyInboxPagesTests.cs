using System.Net;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Inbox;

/// <summary>The inbox pages on a database of their own that stays empty.</summary>
public class EmptyInboxPagesTests(EmptyInboxPagesTests.EmptyApp app) : IClassFixture<EmptyInboxPagesTests.EmptyApp>
{
    [Theory]
    [InlineData("/inbox", "No conversations yet")]
    [InlineData("/inbox?unread=true&channel=whatsapp", "No conversations match these filters")]
    [InlineData("/inbox/1", "There is no conversation 1")]
    [InlineData("/inbox/expiring", "No open WhatsApp windows")]
    [InlineData("/inbox/quick-replies", "No quick replies yet")]
    public async Task PagesAnswerWithTheirEmptyState(string path, string text)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(text, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task SupportStaffWithoutTheAgentRoleAreNotShownTheInbox()
    {
        var response = await app.CreateClientWithKey(DashboardFactory.SupportApiKey).GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public sealed class EmptyApp : DashboardFactory;
}
