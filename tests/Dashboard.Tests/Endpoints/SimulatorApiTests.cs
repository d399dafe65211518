using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Endpoints;

/// <summary>The simulator's Message API as raw HTTP: Plivo's paths, status codes and bodies.</summary>
[Collection(LiveDashboardCollection.Name)]
public class SimulatorApiTests(LiveDashboard app)
{
    private const string MessagePath = $"/sim/v1/Account/{LiveDashboard.AuthId}/Message/";

    [Fact]
    public async Task SendAnswers202WithPlivosBody()
    {
        using var response = await SendAsync(MessagePath, """{"src":"14155550100","dst":"14155550171<14155550172","text":"hi"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("message(s) queued", json.RootElement.GetProperty("message").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("message_uuid").GetArrayLength());
        Assert.True(json.RootElement.TryGetProperty("api_id", out _));
    }

    [Theory]
    [InlineData("""{"src":"14155550100","text":"hi"}""", "dst parameter is required")]
    [InlineData("""{"src":"14155550100","powerpack_uuid":"9f1c7a52-3e8d-4b1a-9c55-5d0e2a7b6c11","dst":"14155550173","text":"hi"}""", "Either src or powerpack_uuid should be specified, not both")]
    [InlineData("""{"src":"14155550100","dst":"14155550173","text":"hi","type":"fax"}""", "type must be one of sms, mms, whatsapp")]
    [InlineData("""{"src":"14155550100","dst":"14155550173","text":"hi","method":"PUT"}""", "method must be GET or POST")]
    [InlineData("""{"src":"14155550100","dst":"14155550173","text":"hi","log":"sometimes"}""", "log must be one of true, false, content_only, number_only")]
    [InlineData("""{"src":"14155550100","dst":"14155550173","type":"whatsapp","template":{"language":"en"}}""", "template.name is required")]
    [InlineData("""{"src":"14155550100","dst":"14155550173","text":"hi","location":{"latitude":1,"longitude":2}}""", "location is only allowed when type is whatsapp")]
    [InlineData("""{"src":"14155550100","dst":"14155550173","text":"hi","message_expiry":10800}""", "message_expiry must be between 5 and 10799 seconds")]
    [InlineData("""{"src":"14155550100","dst":"14155550173","text":"hi","dlt_template_category":"spam"}""", "dlt_template_category must be one of transactional, promotional, service_implicit, service_explicit")]
    [InlineData("""{"src":"14155550100","dst":"14155550173","text":{"nested":true}}""", null)]
    public async Task InvalidSendsGetPlivoStyle400(string body, string? error)
    {
        using var response = await SendAsync(MessagePath, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.TryGetProperty("api_id", out _));
        var message = json.RootElement.GetProperty("error").GetString();
        if (error is not null)
        {
            Assert.Equal(error, message);
        }
    }

    [Fact]
    public async Task WhatsAppTextOver4096CharactersIsRefused()
    {
        var text = new string('a', 4097);

        using var response = await SendAsync(MessagePath, $$"""{"src":"14155550100","dst":"14155550174","type":"whatsapp","text":"{{text}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exceeds 4096", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FreeformWhatsAppToAUserWithNoOpenWindowIsRefusedAsPlivoRefusesIt()
    {
        using var response = await SendAsync(MessagePath, """{"src":"14155550100","dst":"447700900176","type":"whatsapp","text":"Are you still there?"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["api_id", "error"], json.RootElement.EnumerateObject().Select(p => p.Name).Order());
        var error = json.RootElement.GetProperty("error").GetString();
        Assert.Contains("447700900176", error);
        Assert.Contains("24 hours", error);
        Assert.Contains("template", error);
    }

    [Fact]
    public async Task WhatsAppTemplateToAUserWithNoOpenWindowIsAccepted()
    {
        using var response = await SendAsync(MessagePath,
            """{"src":"14155550100","dst":"447700900177","type":"whatsapp","template":{"name":"order_update","language":"en"}}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task WrongAuthIdInThePathIsUnauthorizedEvenWithGoodCredentials()
    {
        using var response = await SendAsync("/sim/v1/Account/MAOTHERACCOUNT00000001/Message/", """{"src":"14155550100","dst":"14155550175","text":"hi"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task MissingCredentialsAreUnauthorized()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(MessagePath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Authentication failed", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ListFilterErrorsAreRefused()
    {
        using var client = Authorized();

        using var response = await client.GetAsync(MessagePath + "?limit=50");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("promo-1.svg", HttpStatusCode.OK)]
    [InlineData("..%2Fsecret.svg", HttpStatusCode.NotFound)]
    [InlineData("photo.exe", HttpStatusCode.NotFound)]
    public async Task MediaFilesAreServedByName(string name, HttpStatusCode expected)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/sim/media/" + name);

        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string json)
    {
        using var client = Authorized();
        return await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
    }

    private HttpClient Authorized()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LiveDashboard.AuthId}:{LiveDashboard.AuthToken}")));
        return client;
    }
}
