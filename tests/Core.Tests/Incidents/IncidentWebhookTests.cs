using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Incidents;

/// <summary>The outgoing webhook against a real Kestrel receiver on loopback, on a real SQLite database.</summary>
public sealed class IncidentWebhookTests : IAsyncLifetime
{
    private const string Secret = "a-shared-secret-of-some-length";

    private readonly ConcurrentQueue<int> _answers = new();
    private readonly ConcurrentQueue<(string Body, string Timestamp, string Signature)> _received = new();
    private WebApplication _receiver = null!;
    private TempDatabase _database = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            _received.Enqueue((await reader.ReadToEndAsync(), request.Headers[IncidentWebhook.TimestampHeader].ToString(),
                request.Headers[IncidentWebhook.SignatureHeader].ToString()));
            return Results.StatusCode(_answers.TryDequeue(out var status) ? status : 200);
        });
        _receiver.MapPost("/silent", async (HttpContext context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        await _receiver.StartAsync();
        _baseUrl = _receiver.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The app's incident services (the real HTTP client and its resilience pipeline) posting to <paramref name="path"/>.</summary>
    /// <param name="attemptTimeout">Long by default, so a busy machine never turns an answer into a timeout.</param>
    /// <param name="transport">What brings the other instances' changes; none by default.</param>
    private ServiceProvider Services(string path, string? secret = Secret, string attemptTimeout = "00:00:30", ILiveTransport? transport = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Incidents:Webhook:Url"] = _baseUrl + path,
            ["Incidents:Webhook:Secret"] = secret,
            ["Incidents:Webhook:MaxRetries"] = "2",
            ["Incidents:Webhook:RetryDelay"] = "00:00:00.010",
            ["Incidents:Webhook:AttemptTimeout"] = attemptTimeout,
        }).Build();
        return new ServiceCollection()
            .AddLogging()
            // The real clock: the retries and timeouts of the HTTP pipeline wait on it.
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IDbContextFactory<DashboardDb>>(new TestDbFactory(_database))
            .AddSingleton(transport is null ? new LiveFeed() : new LiveFeed(transport))
            .AddIncidents(configuration)
            .BuildServiceProvider();
    }

    private static async Task<long> OpenIncidentAsync(ServiceProvider services)
    {
        var now = DateTime.UtcNow;
        return await services.GetRequiredService<IncidentStore>().OpenAsync(new DetectedIncident(
            new IncidentKey(IncidentDimension.Carrier, "20", "310/410"), now, now, now, 25, 16_250, 0, 5, TimeSpan.FromMinutes(1), now, [25]));
    }

    [Fact]
    public async Task AChangeIsPostedSignedOverTimestampAndBodyAndRetriedAfterA5xx()
    {
        await using var services = Services("/hook");
        var id = await OpenIncidentAsync(services);
        _answers.Enqueue(503);

        var delivery = await services.GetRequiredService<IncidentWebhook>().DeliverAsync(new IncidentChange(id, IncidentEventKind.Opened, DateTime.UtcNow));

        Assert.NotNull(delivery);
        Assert.Equal((true, 2, 200, (string?)null), (delivery.Delivered, delivery.Attempts, delivery.StatusCode, delivery.Error));
        Assert.Equal(2, _received.Count);
        var (body, timestamp, signature) = _received.Last();
        Assert.InRange(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(IncidentWebhook.Sign(Secret, timestamp, body), signature);
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.Equal(64, signature.Length - "sha256=".Length);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("opened", json.RootElement.GetProperty("event").GetString());
        Assert.Equal(id, json.RootElement.GetProperty("incident_id").GetInt64());
        Assert.Equal("20", json.RootElement.GetProperty("error_code").GetString());
        Assert.Equal("310/410", json.RootElement.GetProperty("key").GetString());
        Assert.Equal(25, json.RootElement.GetProperty("failures").GetInt64());
        Assert.Equal("0.16250", json.RootElement.GetProperty("wasted_amount").GetString());
        var stored = Assert.Single(Assert.Single(await services.GetRequiredService<IncidentStore>().ListAsync()).Deliveries);
        Assert.Equal(("opened", true, 2), (stored.Event, stored.Delivered, stored.Attempts));
    }

    [Fact]
    public async Task AReceiverThatNeverAnswersIsRetriedThenRecordedAsNotDelivered()
    {
        await using var services = Services("/silent", attemptTimeout: "00:00:00.300");
        var id = await OpenIncidentAsync(services);

        var delivery = await services.GetRequiredService<IncidentWebhook>().DeliverAsync(new IncidentChange(id, IncidentEventKind.Opened, DateTime.UtcNow));

        Assert.NotNull(delivery);
        Assert.Equal((false, 3, (int?)null, "no answer within 0.3 s"), (delivery.Delivered, delivery.Attempts, delivery.StatusCode, delivery.Error));
        var stored = Assert.Single(Assert.Single(await services.GetRequiredService<IncidentStore>().ListAsync()).Deliveries);
        Assert.False(stored.Delivered);
    }

    [Fact]
    public async Task ARefusalIsNotRetried()
    {
        await using var services = Services("/hook");
        var id = await OpenIncidentAsync(services);
        _answers.Enqueue(400);

        var delivery = await services.GetRequiredService<IncidentWebhook>().DeliverAsync(new IncidentChange(id, IncidentEventKind.Opened, DateTime.UtcNow));

        Assert.Equal((false, 1, 400, "answered 400 Bad Request"), (delivery!.Delivered, delivery.Attempts, delivery.StatusCode, delivery.Error));
        Assert.Single(_received);
    }

    [Fact]
    public async Task TheServicePostsThisInstancesStateChangesNotCountsNorAnotherInstancesChanges()
    {
        var otherInstances = new FakeTransport();
        await using var services = Services("/hook", transport: otherInstances);
        var webhook = services.GetRequiredService<IncidentWebhook>();
        var store = services.GetRequiredService<IncidentStore>();
        await webhook.StartAsync(CancellationToken.None);

        var id = await OpenIncidentAsync(services);
        var incident = (await store.FindAsync(id))!;
        await store.RecordAsync(id, new DetectedIncident(incident.Key, incident.StartedAt, incident.DetectedAt, DateTime.UtcNow, 30, 0, 0, 5,
            TimeSpan.FromMinutes(1), incident.SeriesStart, [30]), 5, 0);
        // Another instance's acknowledgement: that instance posts it.
        otherInstances.Receive(new IncidentChange(id, IncidentEventKind.Acknowledged, DateTime.UtcNow));
        await store.ResolveAsync(id, "lead", null);
        await WaitForDeliveriesAsync(store, 2);
        // Long enough for a third post to have come, had there been one.
        await Task.Delay(500);
        await webhook.StopAsync(CancellationToken.None);

        Assert.Equal(["opened", "resolved"], _received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("event").GetString()));
    }

    private static async Task WaitForDeliveriesAsync(IncidentStore store, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await store.ListAsync(timeout.Token)).Sum(i => i.Deliveries.Count) < count)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Stands in for Redis: what the other instances publish arrives through <see cref="Receive"/>.</summary>
    private sealed class FakeTransport : ILiveTransport
    {
        public event Action<IReadOnlyList<LiveChange>>? Received;

        public void Send(IReadOnlyList<LiveChange> changes)
        {
        }

        public void Receive(params LiveChange[] changes) => Received?.Invoke(changes);
    }

    [Fact]
    public void AUrlWithoutASecretStopsTheStart()
    {
        using var services = Services("/hook", secret: "short");

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IncidentWebhookOptions>>().Value);

        Assert.Contains("Incidents:Webhook:Secret", ex.Message, StringComparison.Ordinal);
    }
}
