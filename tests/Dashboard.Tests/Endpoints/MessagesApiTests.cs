using System.Net;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Endpoints;

/// <summary>The read API's list, on an app of its own so the counts are exact.</summary>
public class MessagesApiTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _app;

    public MessagesApiTests(DashboardFactory app)
    {
        _app = app;
    }

    [Fact]
    public async Task ListFiltersLikePlivoAndPagesWithMeta()
    {
        var failed = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            var uuid = Callbacks.NewUuid();
            var minute = i.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            var state = i % 4 == 0 ? "failed" : "delivered";
            await _app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, state, 2,
                ("MessageTime", $"{Callbacks.Day} 11:{minute}:00.000000"), ("ErrorCode", state == "failed" ? "900" : "000")));
            if (state == "failed")
            {
                failed.Add(uuid);
            }
        }

        await _app.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Callbacks.NewUuid(), "hi"));

        using var firstPage = await GetAsync("/api/messages?message_direction=outbound&limit=20");
        using var secondPage = await GetAsync("/api/messages?message_direction=outbound&limit=20&offset=20");
        using var failedOnly = await GetAsync("/api/messages?message_state=failed&error_code=900");
        using var window = await GetAsync($"/api/messages?message_direction=outbound&message_time__gte={Callbacks.Day} 11:05&message_time__lt={Callbacks.Day} 11:10");
        using var inbound = await GetAsync("/api/messages?message_direction=inbound");

        var objects = firstPage.RootElement.GetProperty("objects");
        Assert.Equal(20, objects.GetArrayLength());
        Assert.Equal($"{Callbacks.Day} 11:22:00.000000+00:00", objects[0].GetProperty("message_time").GetString());
        var meta = firstPage.RootElement.GetProperty("meta");
        Assert.Equal(20, meta.GetProperty("limit").GetInt32());
        Assert.Equal(0, meta.GetProperty("offset").GetInt32());
        Assert.Contains("offset=20", meta.GetProperty("next").GetString());
        Assert.Equal(JsonValueKind.Null, meta.GetProperty("previous").ValueKind);
        Assert.Equal(3, secondPage.RootElement.GetProperty("objects").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, secondPage.RootElement.GetProperty("meta").GetProperty("next").ValueKind);
        Assert.Contains("offset=0", secondPage.RootElement.GetProperty("meta").GetProperty("previous").GetString());
        Assert.Equal(failed.OrderBy(u => u), failedOnly.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("message_uuid").GetString()).OrderBy(u => u));
        Assert.Equal(5, window.RootElement.GetProperty("objects").GetArrayLength());
        Assert.Equal(1, inbound.RootElement.GetProperty("objects").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/messages?limit=21", "limit")]
    [InlineData("/api/messages?limit=0", "limit")]
    [InlineData("/api/messages?message_state=lost", "message_state")]
    [InlineData("/api/messages?message_time__gt=last-week", "message_time__gt")]
    [InlineData("/api/messages?offset=-5", "offset")]
    [InlineData("/api/messages.csv?message_state=failed,lost", "message_state")]
    [InlineData("/api/messages.csv?message_time__gte=yesterday", "message_time__gte")]
    [InlineData("/api/messages.csv?after=1.2", "after")]
    public async Task InvalidFilterIsABadRequestNamingTheParameter(string path, string parameter)
    {
        var response = await _app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task UnknownMessageIsNotFound()
    {
        var response = await _app.CreateClient().GetAsync($"/api/messages/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HealthzAnswersOnceTheDatabaseIsReady()
    {
        var response = await _app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheReadApiIsDescribedByAnOpenApiDocumentForSignedInCallers()
    {
        var document = await GetAsync("/openapi/v1.json");
        var stranger = await _app.CreateAnonymousClient().GetAsync("/openapi/v1.json");

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/messages", paths);
        Assert.Contains("/api/messages/{messageUuid}", paths);
        Assert.Contains("/api/messages.csv", paths);
        var list = document.RootElement.GetProperty("paths").GetProperty("/api/messages").GetProperty("get").GetProperty("parameters").EnumerateArray().ToList();
        Assert.Contains("comma-separated", list.Single(p => p.GetProperty("name").GetString() == "message_state").GetProperty("description").GetString());
        Assert.DoesNotContain(paths, p => p.StartsWith("/plivo", StringComparison.Ordinal) || p.StartsWith("/sim", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
