using System.Net;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Security;

[Collection(DashboardCollection.Name)]
public class RoleAccessTests(DashboardFactory app)
{
    [Theory]
    [InlineData("/api/messages")]
    [InlineData("/api/messages.csv")]
    [InlineData("/hubs/messages/negotiate?negotiateVersion=1")]
    public async Task AnonymousApiCallsGet401(string path)
    {
        var response = path.Contains("negotiate")
            ? await app.CreateAnonymousClient().PostAsync(path, null)
            : await app.CreateAnonymousClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task InvalidApiKeyIsUnauthorized()
    {
        var response = await app.CreateClientWithKey("not-a-real-key-at-all").GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string, HttpStatusCode> RoleMatrix()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        (string Path, HttpStatusCode Support, HttpStatusCode Manager, HttpStatusCode Agent)[] rows =
        [
            ("/", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("/messages", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("/errors", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("/incidents", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("/api/messages", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("/api/messages.csv", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("/costs", HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("/api/reports/costs.csv", HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("/api/reports/costs/messages.csv", HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("/inbox", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            ("/compose", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            ("/admin/users", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            ("/admin/replay", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
        ];
        foreach (var (path, support, manager, agent) in rows)
        {
            data.Add(DashboardFactory.SupportApiKey, path, support);
            data.Add(DashboardFactory.ManagerApiKey, path, manager);
            data.Add(DashboardFactory.AgentApiKey, path, agent);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoleMatrix))]
    public async Task EachRoleSeesExactlyItsPagesAndApis(string key, string path, HttpStatusCode expected)
    {
        var response = await app.CreateClientWithKey(key).GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AdminSeesTheUsersPage()
    {
        var response = await app.CreateClient().GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Users and API keys", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AdminSeesTheCallbackReplayPageAndItsNavLink()
    {
        var response = await app.CreateClient().GetAsync("/admin/replay");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1 class=\"mud-typography mud-typography-h4\">Callback replay</h1>", html);
        Assert.Contains("href=\"/admin/replay\"", html);
    }

    [Fact]
    public async Task WebhooksAndHealthNeedNoSignIn()
    {
        var health = await app.CreateAnonymousClient().GetAsync("/healthz");
        var webhook = await app.PostSignedAsync("/plivo/status", Callbacks.Status(Callbacks.NewUuid(), "sent", 2));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
    }

    [Fact]
    public async Task SignInPageScriptsLoadForStrangersButPagesDoNot()
    {
        var stranger = app.CreateAnonymousClient();

        var script = await stranger.GetAsync("/_framework/blazor.web.js");
        var page = await stranger.GetAsync("/costs");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task PagesCarrySecurityHeaders()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/login");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task ScriptInAnInboundTextIsRenderedInert()
    {
        var uuid = Callbacks.NewUuid();
        await app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(uuid, "<script>alert('x')</script>"));

        var detail = await app.CreateClient().GetStringAsync($"/messages/{uuid}");
        var log = await app.CreateClient().GetStringAsync("/messages");

        Assert.Contains("&lt;script&gt;alert", detail);
        Assert.DoesNotContain("<script>alert", detail);
        Assert.DoesNotContain("<script>alert", log);
    }
}
