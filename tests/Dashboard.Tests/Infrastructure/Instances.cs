using Dashboard.Core.Webhooks;
using Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Several instances of the real app (each its own Kestrel socket and host, as <see cref="LiveDashboard"/>) on one
/// PostgreSQL database and, when given, one Redis: what a deployment behind a load balancer runs (ADR-009, ADR-011).
/// Dispose to stop what is still running and drop the database.
/// </summary>
public sealed class Instances : IAsyncDisposable
{
    private readonly PostgresServer _postgres;
    private readonly List<Instance> _running = [];

    private Instances(PostgresServer postgres, string database, string? redis)
    {
        _postgres = postgres;
        Database = database;
        Redis = redis;
    }

    /// <summary>The shared database's connection string.</summary>
    public string Database { get; }

    /// <summary>The shared Redis connection string (its own channel prefix), or null for none.</summary>
    public string? Redis { get; }

    /// <summary>A fresh database; with <paramref name="redis"/> true, a Redis channel prefix of its own too.</summary>
    public static async Task<Instances> CreateAsync(bool redis = true)
    {
        var postgres = await PostgresServer.GetAsync();
        var database = await postgres.CreateDatabaseAsync();
        return new Instances(postgres, database, redis ? (await RedisServer.GetAsync()).ConnectionString() : null);
    }

    /// <summary>Starts one more instance; <paramref name="settings"/> override the shared ones (a null value removes one).</summary>
    public async Task<Instance> StartAsync(params (string Key, string? Value)[] settings)
    {
        var instance = new Instance([
            new("Storage:Provider", "PostgreSql"),
            new("ConnectionStrings:Dashboard", Database),
            new("ConnectionStrings:Redis", Redis),
            new("Simulator:Enabled", "false"),
            new("Api:Keys:0:Name", "tests"),
            new("Api:Keys:0:Key", DashboardFactory.AdminApiKey),
            new("Api:Keys:0:Roles", "Support,Manager,Agent,Admin"),
            .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)),
        ]);
        await instance.InitializeAsync();
        _running.Add(instance);
        return instance;
    }

    /// <summary>Stops an instance as a rolling deploy or a failing node would: its host shuts down.</summary>
    public async Task StopAsync(Instance instance)
    {
        _running.Remove(instance);
        await instance.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _running)
        {
            await instance.DisposeAsync();
        }

        await _postgres.DropDatabaseAsync(Database);
    }
}

/// <summary>One instance of <see cref="Instances"/>: the real app with these settings, plus signed webhooks and hub clients.</summary>
public sealed class Instance(IReadOnlyList<KeyValuePair<string, string?>> settings) : LiveDashboard
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => settings;

    /// <summary>Posts a form to a webhook path of this instance, signed with V3 over the URL it is posted to (no PublicBaseUrl).</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(string path, IEnumerable<KeyValuePair<string, string>> form)
    {
        var pairs = form.ToList();
        var url = new Uri(BaseAddress, path);
        var nonce = Guid.NewGuid().ToString("n");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(pairs) };
        request.Headers.Add(WebhookSignatureVerifier.V3Header, PlivoSignature.ComputeV3(AuthToken, "POST", url, pairs, nonce));
        request.Headers.Add(WebhookSignatureVerifier.V3NonceHeader, nonce);
        using var client = CreateClient();
        return await client.SendAsync(request);
    }

    /// <summary>A started .NET SignalR client of this instance's <c>/hubs/messages</c>, over WebSockets, with the admin API key.</summary>
    public async Task<HubConnection> ConnectHubAsync(CancellationToken cancellationToken = default)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, Dashboard.Hubs.MessagesHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["X-Api-Key"] = DashboardFactory.AdminApiKey;
            })
            .Build();
        await connection.StartAsync(cancellationToken);
        return connection;
    }
}
