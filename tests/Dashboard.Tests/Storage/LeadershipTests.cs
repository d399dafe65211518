using System.Diagnostics;
using Dashboard.Core.Simulator;
using Dashboard.Core.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Tests.Storage;

/// <summary>
/// Background work runs once with two instances on one PostgreSQL database (ADR-011): one instance holds the lease (a
/// session-level advisory lock) and makes the simulator's demo traffic; when it stops, the other takes over within a
/// few seconds.
/// </summary>
public class LeadershipTests(ITestOutputHelper output)
{
    private static readonly (string, string?)[] DemoTraffic =
    [
        ("Simulator:Enabled", "true"),
        ("Simulator:DemoSendsPerMinute", "600"),
        ("Simulator:InboundPerMinute", "0"),
    ];

    [Fact]
    public async Task OnlyTheLeaseHolderMakesDemoTrafficAndTheOtherInstanceTakesOverWhenItStops()
    {
        await using var instances = await Instances.CreateAsync(redis: false);
        var a = await instances.StartAsync(DemoTraffic);
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(IsLeader(a)), "the first instance holds the lease");
        var b = await instances.StartAsync(DemoTraffic);

        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(Sent(a) >= 5), "the lease holder has sent demo traffic", TimeSpan.FromSeconds(30));
        Assert.False(IsLeader(b));
        Assert.Equal(0, Sent(b));

        await instances.StopAsync(a);
        var takeover = Stopwatch.StartNew();
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(IsLeader(b)), "the other instance has taken the lease",
            Leadership.CheckInterval * 5);
        output.WriteLine($"takeover after the holder stopped: {takeover.ElapsedMilliseconds} ms");
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(Sent(b) >= 1), "the new holder sends demo traffic", TimeSpan.FromSeconds(30));
    }

    private static bool IsLeader(Instance instance) => instance.Services.GetRequiredService<Leadership>().IsLeader;

    /// <summary>Messages the instance's own embedded simulator accepted: only the demo traffic sends here.</summary>
    private static int Sent(Instance instance) => instance.Services.GetRequiredService<SimulatorStore>().Count;
}
