using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Hubs;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Tests.Live;

/// <summary>
/// Two instances of the real app on one PostgreSQL database and one Redis (ADR-011): a change taken by A reaches B's
/// hub clients (SignalR's Redis backplane) and B's live feed, which B's pages listen to (Redis pub/sub), each once.
/// </summary>
public class TwoInstancesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ACallbackTakenByAReachesTheHubClientsAndTheFeedOfBothInstancesOnce()
    {
        await using var instances = await Instances.CreateAsync();
        var a = await instances.StartAsync();
        var b = await instances.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var uuid = Callbacks.NewUuid();
        var atHubA = new Arrivals(uuid);
        var atHubB = new Arrivals(uuid);
        await using var hubA = await a.ConnectHubAsync(timeout.Token);
        await using var hubB = await b.ConnectHubAsync(timeout.Token);
        hubA.On<MessageChangeDto[]>(MessagesHub.ChangedMethod, changes => atHubA.Add(changes.Select(c => c.MessageUuid)));
        hubB.On<MessageChangeDto[]>(MessagesHub.ChangedMethod, changes => atHubB.Add(changes.Select(c => c.MessageUuid)));
        using var feedA = a.Services.GetRequiredService<LiveFeed>().Subscribe();
        using var feedB = b.Services.GetRequiredService<LiveFeed>().Subscribe();

        using var response = await a.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "delivered", 1));
        var changeOnB = await NextAsync(feedB, uuid, timeout.Token);
        await atHubB.First.WaitAsync(timeout.Token);
        await atHubA.First.WaitAsync(timeout.Token);
        // Long enough for an echo or a second broadcast to have come, had there been one.
        await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Core.Messages.MessageState.Delivered, changeOnB.State);
        Assert.Equal(1, atHubA.Count);
        Assert.Equal(1, atHubB.Count);
        Assert.Equal(1, Drain(feedA, uuid));
        Assert.Equal(0, Drain(feedB, uuid));
    }

    [Fact]
    public async Task AnInboxConversationChangeOnAReachesBsFeedWithItsKind()
    {
        await using var instances = await Instances.CreateAsync();
        var a = await instances.StartAsync();
        var b = await instances.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var feedB = b.Services.GetRequiredService<LiveFeed>().Subscribe();

        a.Services.GetRequiredService<LiveFeed>().Publish([new ConversationChange(4242, ConversationChangeKind.Read, DateTime.UtcNow)]);
        var change = await feedB.Reader.ReadAsync(timeout.Token);

        var read = Assert.IsType<ConversationChange>(change);
        Assert.Equal(4242, read.InboxConversationId);
        Assert.Equal(ConversationChangeKind.Read, read.Kind);
    }

    /// <summary>
    /// An outage on A's callbacks opens an incident there; B's feed (what B's incidents page and banner follow) hears of
    /// the opening and of A's acknowledgement, each once, and B reads the incident acknowledged with A's note.
    /// </summary>
    [Fact]
    public async Task AnIncidentOpenedAndAcknowledgedOnAReachesBsFeedOnce()
    {
        await using var instances = await Instances.CreateAsync();
        var a = await instances.StartAsync();
        var b = await instances.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var feedB = b.Services.GetRequiredService<LiveFeed>().Subscribe(accepts: c => c is IncidentChange);

        // With no baseline yet a key needs Ratio × MinimumCount failures (ADR-012).
        await Task.WhenAll(Enumerable.Range(0, 60).Select(async _ =>
        {
            using var response = await a.PostSignedAsync("/plivo/status", Callbacks.Status(Callbacks.NewUuid(), "undelivered", 3, ("ErrorCode", "20")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
        var seen = new List<IncidentChange>();
        var opened = await NextAsync(feedB, IncidentEventKind.Opened, seen, timeout.Token);
        var acknowledged = await a.Services.GetRequiredService<IncidentStore>().AcknowledgeAsync(opened.IncidentId, "lead", "Carrier confirmed; ticket 4711.", timeout.Token);
        var acknowledgedOnB = await NextAsync(feedB, IncidentEventKind.Acknowledged, seen, timeout.Token);
        // Long enough for an echo to have come, had there been one.
        await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);

        Assert.True(acknowledged.Succeeded);
        Assert.Equal(opened.IncidentId, acknowledgedOnB.IncidentId);
        var onB = (await b.Services.GetRequiredService<IncidentStore>().ListAsync(timeout.Token)).Single(i => i.Id == opened.IncidentId);
        Assert.Equal((IncidentState.Acknowledged, "1|20|310/410"), (onB.State, onB.Key.ToString()));
        Assert.Equal(("lead", "Carrier confirmed; ticket 4711."), (onB.Events[^1].By, onB.Events[^1].Note));
        while (feedB.Reader.TryRead(out var change))
        {
            seen.Add((IncidentChange)change);
        }

        Assert.Equal([IncidentEventKind.Opened, IncidentEventKind.Acknowledged], seen.Where(c => c.IsStateChange).Select(c => c.Event!.Value));
        Assert.All(seen, c => Assert.Equal(opened.IncidentId, c.IncidentId));
    }

    /// <summary>Reads <paramref name="feed"/> into <paramref name="seen"/> up to the first change of <paramref name="kind"/>.</summary>
    private static async Task<IncidentChange> NextAsync(LiveSubscription feed, IncidentEventKind kind, List<IncidentChange> seen, CancellationToken cancellationToken)
    {
        await foreach (var change in feed.Reader.ReadAllAsync(cancellationToken))
        {
            var incident = (IncidentChange)change;
            seen.Add(incident);
            if (incident.Event == kind)
            {
                return incident;
            }
        }

        throw new InvalidOperationException("The feed ended.");
    }

    /// <summary>
    /// The A→B latency (ADR-011 records it): from each callback's 200 on A to its change on B's feed and at B's hub
    /// client, 100 probes about 100 ms apart. Printed, not asserted (a shared machine's timings); every probe must arrive.
    /// </summary>
    [Fact]
    public async Task EveryChangeTakenByAArrivesOnBAndTheLatencyIsReported()
    {
        await using var instances = await Instances.CreateAsync();
        var a = await instances.StartAsync();
        var b = await instances.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var clock = Stopwatch.StartNew();
        var acknowledged = new ConcurrentDictionary<string, double>();
        var atFeed = new ConcurrentDictionary<string, double>();
        var atHub = new ConcurrentDictionary<string, double>();
        await using var hub = await b.ConnectHubAsync(timeout.Token);
        hub.On<MessageChangeDto[]>(MessagesHub.ChangedMethod, changes =>
        {
            foreach (var change in changes)
            {
                atHub.TryAdd(change.MessageUuid, clock.Elapsed.TotalMilliseconds);
            }
        });
        using var feed = b.Services.GetRequiredService<LiveFeed>().Subscribe();
        var reader = Task.Run(async () =>
        {
            await foreach (var change in feed.Reader.ReadAllAsync(timeout.Token))
            {
                if (change is MessageChange message)
                {
                    atFeed.TryAdd(message.MessageUuid, clock.Elapsed.TotalMilliseconds);
                }
            }
        });
        var uuids = Enumerable.Range(0, 110).Select(_ => Callbacks.NewUuid()).ToList();

        var posts = new List<Task>();
        foreach (var uuid in uuids)
        {
            posts.Add(PostAsync(uuid));
            await Task.Delay(100, timeout.Token);
        }

        await Task.WhenAll(posts);
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(uuids.All(atFeed.ContainsKey) && uuids.All(atHub.ContainsKey)),
            "every change taken by A has reached B's feed and B's hub client", TimeSpan.FromSeconds(30));

        // The first ten warm up (JIT, connections) and are not counted.
        var measured = uuids.Skip(10).ToList();
        output.WriteLine($"A→B feed (pages): {Summary(measured.Select(u => atFeed[u] - acknowledged[u]))}");
        output.WriteLine($"A→B hub client:   {Summary(measured.Select(u => atHub[u] - acknowledged[u]))}");
        output.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");

        async Task PostAsync(string uuid)
        {
            using var response = await a.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "sent", 1));
            acknowledged[uuid] = clock.Elapsed.TotalMilliseconds;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static async Task<MessageChange> NextAsync(LiveSubscription feed, string uuid, CancellationToken cancellationToken)
    {
        await foreach (var change in feed.Reader.ReadAllAsync(cancellationToken))
        {
            if (change is MessageChange message && message.MessageUuid == uuid)
            {
                return message;
            }
        }

        throw new InvalidOperationException("The feed ended.");
    }

    private static int Drain(LiveSubscription feed, string uuid)
    {
        var count = 0;
        while (feed.Reader.TryRead(out var change))
        {
            count += change is MessageChange { MessageUuid: var changed } && changed == uuid ? 1 : 0;
        }

        return count;
    }

    private static string Summary(IEnumerable<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        return $"n={sorted.Count} p50={At(50):F0} ms p95={At(95):F0} ms p99={At(99):F0} ms max={sorted[^1]:F0} ms";
    }

    /// <summary>How often one message's change arrived at a hub client.</summary>
    private sealed class Arrivals(string uuid)
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public Task First => _first.Task;

        public int Count => Volatile.Read(ref _count);

        public void Add(IEnumerable<string> uuids)
        {
            if (uuids.Contains(uuid))
            {
                Interlocked.Increment(ref _count);
                _first.TrySetResult();
            }
        }
    }
}
