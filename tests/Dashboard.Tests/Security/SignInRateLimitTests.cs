using System.Net;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Security;

/// <summary>An app of its own: the sign-in limit counts every attempt from one address.</summary>
public class SignInRateLimitTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _app;

    public SignInRateLimitTests(DashboardFactory app)
    {
        _app = app;
    }

    [Fact]
    public async Task ManySignInAttemptsFromOneAddressAreRefusedWith429()
    {
        var browser = _app.CreateAnonymousClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await SignInTests.SignInAsync(browser, "nobody-" + i, "guessing-password-" + i)).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
