using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Core.Plivo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Plivo;

/// <summary>The Plivo client as the app registers it (AddSending), against a scripted Plivo.</summary>
public class PlivoResilienceTests
{
    private static readonly PlivoSendRequest Hi = new() { Src = "14155550100", Dst = "14155550123", Text = "hi" };

    [Fact]
    public async Task ServerErrorsAreRetriedUntilPlivoAnswers()
    {
        var plivo = new ScriptedPlivo(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError, HttpStatusCode.Accepted);

        var sent = await Client(plivo).SendAsync(Hi);

        Assert.Equal("queued", sent.Message);
        Assert.Equal(3, plivo.Calls);
        Assert.Equal(3, plivo.Bodies.Count);
        Assert.Single(plivo.Bodies.Distinct());
        Assert.Contains("\"dst\":\"14155550123\"", plivo.Bodies[0]);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task ClientErrorsAreNotRetried(HttpStatusCode status)
    {
        var plivo = new ScriptedPlivo(status, HttpStatusCode.OK);

        var ex = await Assert.ThrowsAsync<PlivoApiException>(() => Client(plivo).SendAsync(Hi));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(1, plivo.Calls);
    }

    [Fact]
    public async Task RetriesStopAfterTheConfiguredNumber()
    {
        var plivo = new ScriptedPlivo(HttpStatusCode.BadGateway);

        var ex = await Assert.ThrowsAsync<PlivoApiException>(() => Client(plivo, maxRetries: 2).SendAsync(Hi));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Equal(3, plivo.Calls);
    }

    [Fact]
    public async Task TooManyRequestsWaitsForRetryAfter()
    {
        var time = new FakeTimeProvider();
        var plivo = new ScriptedPlivo(HttpStatusCode.TooManyRequests, HttpStatusCode.OK) { RetryAfter = TimeSpan.FromSeconds(2) };
        var client = Client(plivo, time: time);

        var call = client.SendAsync(Hi);
        await WaitForAsync(() => plivo.Calls == 1);
        time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Delay(50);
        var callsBeforeRetryAfter = plivo.Calls;
        time.Advance(TimeSpan.FromSeconds(0.2));
        var sent = await call.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, callsBeforeRetryAfter);
        Assert.Equal(["0f8c6a3e-0000-4000-8000-000000000002"], sent.MessageUuid);
        Assert.Equal(2, plivo.Calls);
    }

    [Fact]
    public async Task AnAttemptThatTakesTooLongFailsWithoutAStatus()
    {
        var time = new FakeTimeProvider();
        var plivo = new ScriptedPlivo(HttpStatusCode.OK) { Hang = true };
        var client = Client(plivo, time: time, timeoutSeconds: 5);

        var call = client.SendAsync(Hi);
        await WaitForAsync(() => plivo.Calls == 1);
        time.Advance(TimeSpan.FromSeconds(6));
        var ex = await Assert.ThrowsAsync<PlivoApiException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Null(ex.StatusCode);
        Assert.Contains("no answer within 5 s", ex.Message);
        Assert.Equal(1, plivo.Calls);
    }

    private static IPlivoClient Client(ScriptedPlivo plivo, int maxRetries = 3, TimeProvider? time = null, int timeoutSeconds = 15)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddOptions<PlivoOptions>().Configure(o =>
        {
            o.AuthId = "MATESTACCOUNT000000001";
            o.AuthToken = "token";
            o.BaseUrl = "https://api.plivo.test";
            o.MaxRetries = maxRetries;
            o.RetryBaseDelayMilliseconds = 1;
            o.RequestTimeoutSeconds = timeoutSeconds;
        });
        services.AddPlivo(new ConfigurationBuilder().Build());
        services.AddHttpClient<IPlivoClient, PlivoClient>().ConfigurePrimaryHttpMessageHandler(() => plivo);
        return services.BuildServiceProvider().GetRequiredService<IPlivoClient>();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    /// <summary>Answers each call with the next status of its script (the last one repeats).</summary>
    private sealed class ScriptedPlivo(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public List<string> Bodies { get; } = [];

        public TimeSpan? RetryAfter { get; init; }

        public bool Hang { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls) - 1;
            if (request.Content is not null)
            {
                Bodies.Add(await request.Content.ReadAsStringAsync(cancellationToken));
            }

            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var status = statuses[Math.Min(call, statuses.Length - 1)];
            var response = new HttpResponseMessage(status)
            {
                Content = new StringContent(
                    (int)status >= 300 ? """{"api_id":"e1","error":"scripted"}"""
                        : """{"api_id":"s1","message":"queued","message_uuid":["0f8c6a3e-0000-4000-8000-000000000002"]}""",
                    Encoding.UTF8, "application/json"),
            };
            if (RetryAfter is { } wait)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
            }

            return response;
        }
    }
}
