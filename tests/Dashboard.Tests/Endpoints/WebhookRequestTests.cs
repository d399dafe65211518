using System.Net;
using System.Text;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Endpoints;

/// <summary>What the webhook endpoints answer to requests that are not webhooks at all: the reason, exactly.</summary>
[Collection(DashboardCollection.Name)]
public class WebhookRequestTests(DashboardFactory app)
{
    [Fact]
    public async Task NulCharacterInTheFormIsNamedAsSuch()
    {
        var uuid = Callbacks.NewUuid();
        var body = string.Join('&', Callbacks.Status(uuid, "sent", 2).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")) + "&To=%00";

        var problem = await PostRawAsync(body);

        Assert.Contains("NUL", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("larger than", problem.GetProperty("detail").GetString());
        await AssertNotStoredAsync(uuid);
    }

    [Fact]
    public async Task MoreThan1024FieldsIsNamedAsSuch()
    {
        var uuid = Callbacks.NewUuid();
        var body = $"MessageUUID={uuid}&" + string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=1"));

        var problem = await PostRawAsync(body);

        Assert.Contains("1,024", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("larger than", problem.GetProperty("detail").GetString());
        await AssertNotStoredAsync(uuid);
    }

    [Fact]
    public async Task BodyOver64KiBStillSaysSo()
    {
        var problem = await PostRawAsync("Padding=" + new string('x', 70_000));

        Assert.Contains("larger than 64 KiB", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("PUT", "/plivo/status")]
    [InlineData("DELETE", "/plivo/status")]
    [InlineData("PATCH", "/plivo/inbound")]
    [InlineData("DELETE", "/plivo/inbound")]
    public async Task OtherMethodsAreNotAllowedRatherThanSentToSignIn(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("") };

        var response = await app.CreateAnonymousClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order());
    }

    private async Task<JsonElement> PostRawAsync(string body)
    {
        using var content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        var response = await app.CreateAnonymousClient().PostAsync("/plivo/status", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task AssertNotStoredAsync(string uuid)
    {
        await using var db = app.CreateDb();
        Assert.False(await db.Messages.AnyAsync(m => m.MessageUuid == uuid));
    }
}
