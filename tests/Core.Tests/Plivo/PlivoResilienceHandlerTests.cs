using System.Net;
using System.Net.Http.Headers;
using Dashboard.Core.Plivo;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Plivo;

public class PlivoResilienceHandlerTests
{
    [Fact]
    public async Task ServerErrorsAreRetriedUntilPlivoAnswers()
    {
        var plivo = new ScriptedPlivo(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError, HttpStatusCode.Accepted);

        using var response = await Client(plivo).PostAsync("https://api.plivo.test/Message/", new StringContent("{\"dst\":\"1\"}"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, plivo.Calls);
        Assert.All(plivo.Bodies, body => Assert.Equal("{\"dst\":\"1\"}", body));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task ClientErrorsAreNotRetried(HttpStatusCode status)
    {
        var plivo = new ScriptedPlivo(status, HttpStatusCode.Accepted);

        using var response = await Client(plivo).GetAsync("https://api.plivo.test/Message/");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(1, plivo.Calls);
    }

    [Fact]
    public async Task RetriesStopAfterTheConfiguredNumber()
    {
        var plivo = new ScriptedPlivo(HttpStatusCode.BadGateway);

        using var response = await Client(plivo, maxRetries: 2).GetAsync("https://api.plivo.test/Message/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(3, plivo.Calls);
    }

    [Fact]
    public async Task TooManyRequestsWaitsForRetryAfter()
    {
        var time = new FakeTimeProvider();
        var plivo = new ScriptedPlivo(HttpStatusCode.TooManyRequests, HttpStatusCode.OK) { RetryAfter = TimeSpan.FromSeconds(2) };
        var client = Client(plivo, time: time);

        var call = client.GetAsync("https://api.plivo.test/Message/");
        await WaitForAsync(() => plivo.Calls == 1);
        time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Delay(50);
        var callsBeforeRetryAfter = plivo.Calls;
        time.Advance(TimeSpan.FromSeconds(0.2));
        using var response = await call.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, callsBeforeRetryAfter);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, plivo.Calls);
    }

    [Fact]
    public async Task AnAttemptThatTakesTooLongFailsWithoutAStatus()
    {
        var time = new FakeTimeProvider();
        var plivo = new ScriptedPlivo(HttpStatusCode.OK) { Hang = true };
        var client = Client(plivo, time: time, timeoutSeconds: 5);

        var call = client.GetAsync("https://api.plivo.test/Message/");
        await WaitForAsync(() => plivo.Calls == 1);
        time.Advance(TimeSpan.FromSeconds(6));
        var ex = await Assert.ThrowsAsync<PlivoApiException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Null(ex.StatusCode);
        Assert.Contains("no answer within 5 s", ex.Message);
        Assert.Equal(1, plivo.Calls);
    }

    private static HttpClient Client(ScriptedPlivo plivo, int maxRetries = 3, TimeProvider? time = null, int timeoutSeconds = 15) =>
        new(new PlivoResilienceHandler(
            Options.Create(new PlivoOptions { MaxRetries = maxRetries, RetryBaseDelayMilliseconds = 1, RequestTimeoutSeconds = timeoutSeconds }),
            time ?? TimeProvider.System)
        { InnerHandler = plivo });

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

            var response = new HttpResponseMessage(statuses[Math.Min(call, statuses.Length - 1)]);
            if (RetryAfter is { } wait)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
            }

            return response;
        }
    }
}
