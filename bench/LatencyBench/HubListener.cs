using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Bench.Latency;

/// <summary>
/// A client of <c>/hubs/messages</c> on the .NET SignalR client, over WebSockets, as an integrator's service would
/// be. It records the time each probe's change arrives: when the client hands the batch carrying it to the handler
/// (so the time includes deserialising the batch, as a real client's would).
/// </summary>
public sealed class HubListener : IAsyncDisposable
{
    private const string ChangedMethod = "messagesChanged";

    private readonly HubConnection _connection;
    private readonly ProbeLog _log;

    private HubListener(HubConnection connection, ProbeLog log)
    {
        _connection = connection;
        _log = log;
        _connection.On<Change[]>(ChangedMethod, Received);
        _connection.Closed += error =>
        {
            Failure ??= error;
            return Task.CompletedTask;
        };
    }

    /// <summary>Invocations received, and the largest batch in changes (under load a 100 ms batch holds thousands).</summary>
    public long Invocations { get; private set; }

    public int LargestBatch { get; private set; }

    public Exception? Failure { get; private set; }

    public static async Task<HubListener> ConnectAsync(Uri baseUrl, string apiKey, ProbeLog log, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, "/hubs/messages"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["X-Api-Key"] = apiKey;
            })
            .Build();
        var listener = new HubListener(connection, log);
        await connection.StartAsync(cancellationToken);
        return listener;
    }

    private void Received(Change[] changes)
    {
        var at = _log.Clock.Now();
        Invocations++;
        LargestBatch = Math.Max(LargestBatch, changes.Length);
        foreach (var change in changes)
        {
            if (change.MessageUuid.StartsWith(ProbeLog.Prefix, StringComparison.Ordinal))
            {
                _log.SeenAtHub(change.MessageUuid, at);
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>The one field of the hub's change the bench reads.</summary>
    private sealed record Change(string MessageUuid);
}
