using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Security;

/// <summary>
/// What the app believes about the network, over a real Kestrel socket (headers and peers as a browser or a proxy
/// sends them): forwarded headers only from configured proxies, live connections only from the app's own origin,
/// Basic auth guessing slowed down. An app of its own: its throttles and limits count per address.
/// </summary>
public partial class NetworkEdgeTests(NetworkEdgeTests.App app) : IClassFixture<NetworkEdgeTests.App>
{
    private const string AllowedOrigin = "https://ops.example.com";

    [Fact]
    public async Task ForwardedForFromAnUnconfiguredLoopbackPeerDoesNotDodgeTheSignInLimit()
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = app.BaseAddress };
        var token = AntiforgeryToken().Match(await browser.GetStringAsync("/login")).Groups[1].Value;
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 15; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
            {
                Content = new FormUrlEncodedContent(
                [
                    new("__RequestVerificationToken", token), new("username", "guess-" + i), new("password", "guessing-password"), new("returnUrl", ""),
                ]),
            };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add((await browser.SendAsync(request)).StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Theory]
    [InlineData("/hubs/messages")]
    [InlineData("/_blazor")]
    public async Task NegotiateFromAForeignOriginIsRefused(string path)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", App.ApiKey);

        var foreign = await NegotiateAsync(client, path, "https://evil.example");
        var opaque = await NegotiateAsync(client, path, "null");
        var configured = await NegotiateAsync(client, path, AllowedOrigin);
        var own = await NegotiateAsync(client, path, app.BaseAddress.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal(HttpStatusCode.Forbidden, opaque);
        Assert.NotEqual(HttpStatusCode.Forbidden, configured);
        Assert.NotEqual(HttpStatusCode.Forbidden, own);
    }

    [Fact]
    public async Task HubWebSocketFromAForeignOriginIsRefusedAndFromTheAppsOwnAccepted()
    {
        var url = new Uri(app.BaseAddress.ToString().Replace("http", "ws", StringComparison.Ordinal) + "hubs/messages");

        var foreign = await Record.ExceptionAsync(() => ConnectAsync(url, "https://evil.example"));
        using var own = await ConnectAsync(url, app.BaseAddress.GetLeftPart(UriPartial.Authority));

        Assert.Contains("403", Assert.IsType<WebSocketException>(foreign).Message);
        Assert.Equal(WebSocketState.Open, own.State);
    }

    [Fact]
    public async Task SimulatorBasicAuthGuessesAreSlowedDownEvenForTheRightCredentials()
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add(await ListAsync(client, "MATESTACCOUNT000000001", "wrong-token-" + i));
        }

        var right = await ListAsync(client, LiveDashboard.AuthId, LiveDashboard.AuthToken);

        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(16, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, right);
    }

    private static async Task<HttpStatusCode> ListAsync(HttpClient client, string authId, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sim/v1/Account/{LiveDashboard.AuthId}/Message/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{authId}:{token}")));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> NegotiateAsync(HttpClient client, string path, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri url, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.SetRequestHeader("X-Api-Key", App.ApiKey);
        await socket.ConnectAsync(url, CancellationToken.None);
        return socket;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>The live app with one allowed foreign origin and a key for the hub; no proxy configured.</summary>
    public sealed class App : LiveDashboard
    {
        public const string ApiKey = "network-edge-tests-key-0123456789";

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Security:AllowedOrigins:0", AllowedOrigin),
            new("Api:Keys:0:Name", "edge"),
            new("Api:Keys:0:Key", ApiKey),
            new("Api:Keys:0:Roles", "Support"),
        ];
    }
}
