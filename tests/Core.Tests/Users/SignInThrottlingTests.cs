using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Users;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Users;

public class SignInThrottlingTests
{
    [Fact]
    public void WaitsDoubleAfterTheFreeFailuresUpToTheLongestAndASuccessForgets()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        var throttle = new FailureThrottle(time, freeFailures: 3, maxDelay: TimeSpan.FromSeconds(10));
        var waits = new List<double>();

        for (var i = 0; i < 8; i++)
        {
            throttle.Fail("admin");
            waits.Add(throttle.Wait("admin")?.TotalSeconds ?? 0);
            time.Advance(throttle.Wait("admin") ?? TimeSpan.Zero);
        }

        Assert.Equal([0, 0, 0, 1, 2, 4, 8, 10], waits);
        throttle.Succeed("admin");
        Assert.Null(throttle.Wait("admin"));
    }

    [Fact]
    public async Task StrangersGuessingTheAdminNameDelayItButNeverLockItOut()
    {
        await using var database = await TempDatabase.CreateAsync();
        var options = Options.Create(new AuthOptions { FreeSignInFailures = 3, MaxSignInDelay = TimeSpan.FromMinutes(1) });
        var users = new UserService(new TestDbFactory(database), options, database.Time);
        await users.CreateAsync("admin", "the-right-password", UserRoles.Admin);

        var answers = new List<SignInStatus>();
        for (var i = 0; i < 50; i++)
        {
            answers.Add((await users.SignInAsync("admin", "guess-" + i)).Status);
            answers.Add((await users.SignInAsync("no-such-user", "guess-" + i)).Status);
        }

        var whileWaiting = await users.SignInAsync("admin", "the-right-password");
        database.Time.Advance(whileWaiting.RetryAfter!.Value);
        var afterTheWait = await users.SignInAsync("admin", "the-right-password");

        Assert.Equal(answers.Where((_, i) => i % 2 == 0), answers.Where((_, i) => i % 2 == 1));
        Assert.Equal(SignInStatus.Throttled, whileWaiting.Status);
        Assert.True(whileWaiting.RetryAfter <= TimeSpan.FromMinutes(1));
        Assert.Equal(SignInStatus.Succeeded, afterTheWait.Status);
    }
}
