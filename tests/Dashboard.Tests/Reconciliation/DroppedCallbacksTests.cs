using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Dashboard.Core.Simulator;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Reconciliation;

/// <summary>The whole app with a simulated Plivo that loses a fifth of its callbacks, and reconciliation asking about silent messages.</summary>
public sealed class DroppingDashboard : LiveDashboard
{
    public const string ApiKey = "reconciliation-tests-key-0123456789";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Simulator:DropCallbackRate", "0.2"),
        new("Reconciliation:Enabled", "true"),
        new("Reconciliation:SilentAfter", "00:00:01"),
        new("Reconciliation:Interval", "00:00:00.200"),
        new("Reconciliation:RequestsPerSecond", "50"),
        new("Api:Keys:0:Name", "tests"),
        new("Api:Keys:0:Key", ApiKey),
        new("Api:Keys:0:Roles:0", "Support"),
    ];
}

public sealed class DroppedCallbacksTests(DroppingDashboard app) : IClassFixture<DroppingDashboard>
{
    [Fact]
    public async Task EveryMessageReachesItsTrueFinalStateWhenAFifthOfTheCallbacksAreLost()
    {
        var simulator = app.Services.GetRequiredService<PlivoSimulator>();
        var destinations = Enumerable.Range(0, 40).Select(i => $"1212555{i:0000}").ToList();
        SendOutcome outcome;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var request = new ComposeRequest { Sender = "14155550100", Destinations = string.Join('\n', destinations), Text = "Your code is 4821" };
            outcome = await scope.ServiceProvider.GetRequiredService<SendService>().SendAsync(request.ToCommand());
        }

        var uuids = outcome.Messages.Select(m => m.MessageUuid).ToList();
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(uuids.All(app.Services.GetRequiredService<SimulatorStore>().IsSettled)), "the simulator has played every message");
        await LiveDashboard.WaitUntilAsync(async () =>
        {
            await using var db = app.CreateDb();
            var states = await db.Messages.AsNoTracking().Where(m => uuids.Contains(m.MessageUuid)).Select(m => new { m.MessageUuid, m.State }).ToListAsync();
            return states.Count == uuids.Count && states.All(m => PlivoNames.Of(m.State) == simulator.Get(m.MessageUuid)!.MessageState);
        }, "every stored state is the simulated Plivo's", TimeSpan.FromSeconds(60));

        await using var check = app.CreateDb();
        var reconciled = await check.MessageEvents.AsNoTracking()
            .Where(e => e.Kind == MessageEventKind.Reconciled && e.Applied)
            .Join(check.Messages, e => e.MessageId, m => m.Id, (e, m) => m.MessageUuid)
            .Where(u => uuids.Contains(u)).Distinct().ToListAsync();
        Assert.NotEmpty(reconciled);

        // The read API's timeline names the event's source.
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", DroppingDashboard.ApiKey);
        var detail = await http.GetFromJsonAsync<JsonObject>($"/api/messages/{reconciled[0]}");
        Assert.Contains(detail!["timeline"]!.AsArray(), e => (string?)e!["kind"] == "reconciled");
    }
}
