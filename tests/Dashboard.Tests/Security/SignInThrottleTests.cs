using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Security;

/// <summary>Sign-in throttling per user name (ADR-007); an app of its own, as its ten tries use up the per-address limit.</summary>
public class SignInThrottleTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _app;

    public SignInThrottleTests(DashboardFactory app)
    {
        _app = app;
    }

    [Fact]
    public async Task RepeatedWrongPasswordsMakeTheNameWaitAndAnUnknownNameAnswersTheSame()
    {
        var browser = _app.CreateAnonymousClient();
        await _app.Services.GetRequiredService<Core.Users.UserService>().CreateAsync("slowed-agent", "right-password-123", Core.Users.UserRoles.Agent);

        async Task<List<string>> AnswersAsync(string name)
        {
            var answers = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                answers.Add(Error(await SignInTests.SignInAsync(browser, name, "wrong-password-" + i)));
            }

            answers.Add(Error(await SignInTests.SignInAsync(browser, name, "right-password-123")));
            return answers;
        }

        var known = await AnswersAsync("slowed-agent");
        var unknown = await AnswersAsync("nobody-by-this-name");

        Assert.Equal(["invalid", "invalid", "invalid", "invalid", "wait"], known);
        Assert.Equal(known, unknown);
    }

    private static string Error(HttpResponseMessage response) =>
        Regex.Match(response.Headers.Location!.ToString(), "error=([a-z]+)").Groups[1].Value;

}
