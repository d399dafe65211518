using System.Net;
using Dashboard.Core.Live;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>
/// Redis away (ADR-011): at start the app stops with one line naming the setting; while it runs, callbacks are still
/// stored and acknowledged (storage is the truth), /healthz says Degraded and the pages show a banner, and all of it
/// clears when Redis is back, when changes flow between the instances again.
/// </summary>
public class RedisFailureTests
{
    private const string Banner = "data-testid=\"live-degraded\"";

    [Fact]
    public async Task UnreachableAtStartExitsNonZeroWithOneLineNamingTheSetting()
    {
        var (exitCode, errorLines) = await StartFailure.RunAsync(
            ("ConnectionStrings__Dashboard", $"Data Source={Path.Combine(Path.GetTempPath(), $"redis-start-{Guid.NewGuid():n}.db")}"),
            ("ConnectionStrings__Redis", $"127.0.0.1:{StartFailure.ClosedPort()},connectTimeout=2000"));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(errorLines, l => l.Contains("ConnectionStrings:Redis", StringComparison.Ordinal));
        Assert.StartsWith("Cannot reach the Redis server", line);
    }

    [Fact]
    public async Task CallbacksAreStoredWhileRedisIsAwayTheHealthCheckAndPagesSaySoAndItClearsWhenRedisIsBack()
    {
        var redis = await RedisServer.GetAsync();
        using var proxy = new TcpProxy(redis.Port);
        proxy.Start();
        await using var instances = await Instances.CreateAsync();
        // A reaches Redis through the proxy, B directly, on the same channels.
        var a = await instances.StartAsync(("ConnectionStrings:Redis", instances.Redis!.Replace($":{redis.Port},", $":{proxy.Port},", StringComparison.Ordinal)));
        var b = await instances.StartAsync();
        var statusA = a.Services.GetRequiredService<LiveStatus>();
        using var client = a.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", DashboardFactory.AdminApiKey);
        Assert.DoesNotContain(Banner, await client.GetStringAsync("/messages"));

        proxy.Stop();
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(statusA.CrossInstanceDegraded), "A sees Redis gone");
        var during = Callbacks.NewUuid();
        using var storedWhileAway = await a.PostSignedAsync("/plivo/status", Callbacks.Status(during, "queued", 1));
        var healthWhileAway = await client.GetStringAsync("/healthz");
        var pageWhileAway = await client.GetStringAsync("/messages");

        Assert.Equal(HttpStatusCode.OK, storedWhileAway.StatusCode);
        await using (var db = b.CreateDb())
        {
            Assert.True(await db.Messages.AnyAsync(m => m.MessageUuid == during), "the callback A acknowledged is stored");
        }

        Assert.Equal("Degraded", healthWhileAway);
        Assert.Contains(Banner, pageWhileAway);
        using (var clientB = b.CreateClient())
        {
            Assert.Equal("Healthy", await clientB.GetStringAsync("/healthz"));
        }

        proxy.Start();
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(!statusA.CrossInstanceDegraded), "A is connected to Redis again", TimeSpan.FromSeconds(60));
        using var feedB = b.Services.GetRequiredService<LiveFeed>().Subscribe();
        var after = Callbacks.NewUuid();
        using var storedAfter = await a.PostSignedAsync("/plivo/status", Callbacks.Status(after, "queued", 1));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var change in feedB.Reader.ReadAllAsync(timeout.Token))
        {
            if (change is MessageChange { MessageUuid: var uuid } && uuid == after)
            {
                break;
            }
        }

        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        Assert.DoesNotContain(Banner, await client.GetStringAsync("/messages"));
    }
}
