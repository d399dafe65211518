using System.Net;
using Dashboard.Core.Plivo;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Plivo;

/// <summary>The real Plivo client against the embedded simulator, over a real socket.</summary>
[Collection(LiveDashboardCollection.Name)]
public class PlivoClientOverHttpTests(LiveDashboard app)
{
    private IPlivoClient Client => app.Services.GetRequiredService<IPlivoClient>();

    [Fact]
    public async Task SendToSeveralDestinationsQueuesOneMessageEach()
    {
        var request = new PlivoSendRequest { Src = "14155550100", Dst = "14155550161<447700900161<+49 151 1234 5678", Text = "Hello from the test" };

        var response = await Client.SendAsync(request);

        Assert.Equal("message(s) queued", response.Message);
        Assert.Equal(3, response.MessageUuid.Count);
        Assert.All(response.MessageUuid, uuid => Assert.True(Guid.TryParse(uuid, out _)));
        Assert.False(string.IsNullOrEmpty(response.ApiId));
        Assert.Null(response.InvalidNumber);
    }

    [Fact]
    public async Task InvalidDestinationsAreListedAndTheOthersQueued()
    {
        var response = await Client.SendAsync(new PlivoSendRequest { Src = "14155550100", Dst = "14155550162<12<0044", Text = "hi" });

        Assert.Single(response.MessageUuid);
        Assert.Equal(["12", "0044"], response.InvalidNumber);
    }

    [Theory]
    [InlineData(null, "14155550166", "Either src or powerpack_uuid is required")]
    [InlineData("14155550100", null, "dst parameter is required")]
    [InlineData("14155550100", "14155550100", "src and dst cannot be the same number")]
    public async Task PlivoErrorBodiesBecomeExceptionsWithStatusAndMessage(string? src, string? dst, string expected)
    {
        var ex = await Assert.ThrowsAsync<PlivoApiException>(() => Client.SendAsync(new PlivoSendRequest { Src = src, Dst = dst, Text = "hi" }));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal(expected, ex.PlivoError);
        Assert.False(string.IsNullOrEmpty(ex.ApiId));
    }

    [Fact]
    public async Task TooLongTooManyMediaAndBadExpiryAreRefused()
    {
        var tooLong = await Assert.ThrowsAsync<PlivoApiException>(() => Client.SendAsync(new PlivoSendRequest { Src = "14155550100", Dst = "14155550167", Text = new string('я', 738) }));
        var tooManyMedia = await Assert.ThrowsAsync<PlivoApiException>(() => Client.SendAsync(new PlivoSendRequest
        {
            Src = "14155550100",
            Dst = "14155550167",
            Type = "mms",
            MediaUrls = [.. Enumerable.Range(1, 11).Select(i => $"https://media.example/{i}.jpg")],
        }));
        var badExpiry = await Assert.ThrowsAsync<PlivoApiException>(() => Client.SendAsync(new PlivoSendRequest { Src = "14155550100", Dst = "14155550167", Text = "hi", MessageExpiry = 4 }));

        Assert.Equal("text parameter length exceeds 737 unicode characters", tooLong.PlivoError);
        Assert.Equal("media_urls cannot have more than 10 items", tooManyMedia.PlivoError);
        Assert.Equal("message_expiry must be between 5 and 10799 seconds", badExpiry.PlivoError);
    }

    [Theory]
    [InlineData(LiveDashboard.AuthId, "not-the-token")]
    [InlineData("MAOTHERACCOUNT00000001", LiveDashboard.AuthToken)]
    public async Task WrongCredentialsOrAccountAreUnauthorized(string authId, string authToken)
    {
        var client = new PlivoClient(
            new HttpClient(),
            app.Services.GetRequiredService<PlivoAddresses>(),
            new FixedOptionsMonitor<PlivoOptions>(new PlivoOptions { AuthId = authId, AuthToken = authToken }));

        var ex = await Assert.ThrowsAsync<PlivoApiException>(() => client.SendAsync(new PlivoSendRequest { Src = "14155550100", Dst = "14155550168", Text = "hi" }));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("Authentication failed", ex.PlivoError);
    }
}
