using System.Net;
using Dashboard.Core.Messages;
using Dashboard.Core.Webhooks;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Tests.Endpoints;

/// <summary>
/// What a captured callback is good for to someone who is not Plivo (issue 16, item 1): with the default settings,
/// nothing; with V2 turned on, nothing beyond its own nonce.
/// </summary>
public class SignatureReplayTests
{
    private const string StatusUrl = "http://localhost/plivo/status";

    /// <summary>A deployment that turned V2 on, with its log captured.</summary>
    private sealed class V2Factory : DashboardFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Plivo:AcceptSignatureV2", "true")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddFakeLogging());
        }
    }

    [Fact]
    public async Task ACapturedCallbackStrippedOfV3AndRewrittenIsRefusedByDefault()
    {
        await using var app = new DashboardFactory();
        var victim = Callbacks.NewUuid();
        var real = Callbacks.Status(victim, "undelivered", 3, ("ErrorCode", "30"));
        var nonce = "05429567804466091622";
        using (var genuine = SignedRequest(real, nonce, v2: true, v3: true))
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(genuine)).StatusCode);
        }

        var forged = Callbacks.Status(victim, "delivered", 4, ("TotalAmount", "999"));
        var invented = Callbacks.Status(Callbacks.NewUuid(), "delivered", 3);
        var forgedResponse = await app.CreateClient().SendAsync(SignedRequest(forged, nonce, v2: true, v3: false));
        var inventedResponse = await app.CreateClient().SendAsync(SignedRequest(invented, "99999999999999999999", v2: true, v3: false));

        Assert.Equal(HttpStatusCode.Forbidden, forgedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, inventedResponse.StatusCode);
        await using var db = app.CreateDb();
        var messages = await db.Messages.ToListAsync();
        Assert.Equal((victim, MessageState.Undelivered), (Assert.Single(messages).MessageUuid, messages[0].State));
    }

    [Fact]
    public async Task WithV2OnARewrittenBodyUnderASeenNonceIsRefusedAndTheSameBodyIsARetry()
    {
        await using var app = new V2Factory();
        var victim = Callbacks.NewUuid();
        var real = Callbacks.Status(victim, "undelivered", 3, ("ErrorCode", "30"));
        var nonce = "05429567804466091623";

        var first = await app.CreateClient().SendAsync(SignedRequest(real, nonce, v2: true, v3: false));
        var rewritten = await app.CreateClient().SendAsync(SignedRequest(Callbacks.Status(victim, "delivered", 4), nonce, v2: true, v3: false));
        var retry = await app.CreateClient().SendAsync(SignedRequest(real, nonce, v2: true, v3: false));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rewritten.StatusCode);
        Assert.Contains("replay", await rewritten.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await using var db = app.CreateDb();
        Assert.Equal(MessageState.Undelivered, (await db.Messages.SingleAsync(m => m.MessageUuid == victim)).State);
        var stored = await db.MessageEvents.SingleAsync();
        Assert.Equal(1, stored.Repeats);
    }

    [Fact]
    public async Task TurningV2OnIsWarnedAboutAtStartUp()
    {
        await using var app = new V2Factory();
        app.CreateClient().Dispose();

        var warnings = app.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message);

        Assert.Contains(warnings, m => m.Contains("AcceptSignatureV2 is on", StringComparison.Ordinal) && m.Contains("not the parameters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlivosRetryOfAV3CallbackIsAnswered200AndStoredOnce()
    {
        await using var app = new DashboardFactory();
        var uuid = Callbacks.NewUuid();
        var form = Callbacks.Status(uuid, "delivered", 3);

        var first = await app.CreateClient().SendAsync(SignedRequest(form, "31627761595286130198", v2: false, v3: true));
        var retry = await app.CreateClient().SendAsync(SignedRequest(form, "31627761595286130198", v2: false, v3: true));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await using var db = app.CreateDb();
        Assert.Equal(1, (await db.MessageEvents.SingleAsync()).Repeats);
    }

    [Fact]
    public async Task AV3CallbackWhoseKeysAndValuesWereReSplitIsRefusedUnderItsSeenNonce()
    {
        // V3 signs POST parameters as key1value1key2value2: moving the boundary between a key and its value keeps the
        // signature valid. Here it drops the ErrorCode of a real undelivered callback.
        await using var app = new DashboardFactory();
        var uuid = Callbacks.NewUuid();
        var real = Callbacks.Status(uuid, "undelivered", 3, ("ErrorCode", "30"));
        var resplit = real.Select(p => p.Key == "ErrorCode" ? new KeyValuePair<string, string>("ErrorCode3", "0") : p).ToList();
        await app.CreateClient().SendAsync(SignedRequest(real, "31627761595286130199", v2: false, v3: true));

        using var replay = SignedRequest(resplit, "31627761595286130199", v2: false, v3: true);
        replay.Headers.Remove(WebhookSignatureVerifier.V3Header);
        replay.Headers.Add(WebhookSignatureVerifier.V3Header, PlivoSignature.ComputeV3(DashboardFactory.AuthToken, "POST", new Uri(StatusUrl), real, "31627761595286130199"));
        var response = await app.CreateClient().SendAsync(replay);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("replay", await response.Content.ReadAsStringAsync());
        await using var db = app.CreateDb();
        Assert.Equal("30", (await db.Messages.SingleAsync()).ErrorCode);
    }

    private static HttpRequestMessage SignedRequest(List<KeyValuePair<string, string>> form, string nonce, bool v2, bool v3)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/plivo/status") { Content = new FormUrlEncodedContent(form) };
        if (v3)
        {
            request.Headers.Add(WebhookSignatureVerifier.V3Header, PlivoSignature.ComputeV3(DashboardFactory.AuthToken, "POST", new Uri(StatusUrl), form, nonce));
            request.Headers.Add(WebhookSignatureVerifier.V3NonceHeader, nonce);
        }

        if (v2)
        {
            request.Headers.Add(WebhookSignatureVerifier.V2Header, PlivoSignature.ComputeV2(DashboardFactory.AuthToken, new Uri(StatusUrl), nonce));
            request.Headers.Add(WebhookSignatureVerifier.V2NonceHeader, nonce);
        }

        return request;
    }
}
