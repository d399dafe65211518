using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Simulator;

/// <summary>The app as a newcomer starts it: appsettings.json's simulator credentials, the simulator's own defaults.</summary>
public sealed class DefaultConfiguration : LiveDashboard
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Plivo:AuthId", null),
        new("Plivo:AuthToken", null),
        new("Plivo:RetryBaseDelayMilliseconds", null),
        new("Simulator:Enabled", null),
        new("Simulator:Speed", null),
        new("Simulator:DemoSendsPerMinute", null),
        new("Simulator:InboundPerMinute", null),
        new("Simulator:Seed", null),
        new("Simulator:DuplicateCallbackShare", null),
        new("Simulator:OutOfOrderShare", null),
    ];
}

public class DefaultConfigurationTests(DefaultConfiguration app) : IClassFixture<DefaultConfiguration>
{
    [Fact]
    public async Task TrafficFlowsWithinSecondsWithNoAccountAndNoNetwork()
    {
        await LiveDashboard.WaitUntilAsync(async () =>
        {
            await using var db = app.CreateDb();
            var outboundWithCallbacks = await db.MessageEvents
                .CountAsync(e => e.Kind == MessageEventKind.StatusCallback);
            var inbound = await db.Messages.CountAsync(m => m.Direction == MessageDirection.Inbound);
            return outboundWithCallbacks > 0 && inbound > 0;
        }, "demo sends have had callbacks and an inbound message has arrived", TimeSpan.FromSeconds(15));
    }
}
