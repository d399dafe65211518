using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Dashboard.Bench.Latency;

/// <summary>
/// A SignalR client of <c>/hubs/messages</c> speaking the JSON hub protocol over a plain <see cref="ClientWebSocket"/>
/// (the .NET SignalR client does not restore here). It records the time each probe's change arrives: when the
/// WebSocket message carrying it is complete, before parsing.
/// </summary>
public sealed class HubListener : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private const string ChangedMethod = "messagesChanged";
    private static readonly byte[] PrefixBytes = Encoding.UTF8.GetBytes(ProbeLog.Prefix);
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private readonly ProbeLog _log;
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private Task _pinging = Task.CompletedTask;

    private HubListener(ClientWebSocket socket, ProbeLog log)
    {
        _socket = socket;
        _log = log;
    }

    /// <summary>Invocations received, and the largest one in bytes (under load a 100 ms batch holds thousands of changes).</summary>
    public long Invocations { get; private set; }

    public long LargestMessageBytes { get; private set; }

    public Exception? Failure { get; private set; }

    public static async Task<HubListener> ConnectAsync(Uri baseUrl, string apiKey, ProbeLog log, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", apiKey);
        var url = new UriBuilder(baseUrl) { Scheme = baseUrl.Scheme == "https" ? "wss" : "ws", Path = "/hubs/messages" }.Uri;
        await socket.ConnectAsync(url, cancellationToken);
        var listener = new HubListener(socket, log);
        await listener.SendAsync("""{"protocol":"json","version":1}""", cancellationToken);
        var handshake = Encoding.UTF8.GetString((await listener.ReceiveMessageAsync(new ArrayBufferWriter<byte>(), cancellationToken)).Span).TrimEnd((char)RecordSeparator);
        if (handshake != "{}")
        {
            throw new InvalidOperationException("Hub handshake failed: " + handshake);
        }

        listener._receiving = Task.Run(() => listener.ReceiveLoopAsync(listener._stop.Token), CancellationToken.None);
        listener._pinging = Task.Run(() => listener.PingLoopAsync(listener._stop.Token), CancellationToken.None);
        return listener;
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                buffer.ResetWrittenCount();
                var message = await ReceiveMessageAsync(buffer, cancellationToken);
                var at = _log.Clock.Now();
                LargestMessageBytes = Math.Max(LargestMessageBytes, message.Length);
                if (message.Span.IndexOf(PrefixBytes) < 0)
                {
                    continue; // only the load generator's messages (or a ping)
                }

                foreach (var uuid in ProbeUuids(message))
                {
                    _log.SeenAtHub(uuid, at);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            Failure = ex;
        }
    }

    private List<string> ProbeUuids(ReadOnlyMemory<byte> message)
    {
        var found = new List<string>();
        var rest = message;
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf(RecordSeparator);
            var record = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            using var document = JsonDocument.Parse(record);
            var root = document.RootElement;
            if (root.GetProperty("type").GetInt32() != 1 || root.GetProperty("target").GetString() != ChangedMethod)
            {
                continue;
            }

            Invocations++;
            foreach (var change in root.GetProperty("arguments")[0].EnumerateArray())
            {
                var uuid = change.GetProperty("messageUuid").GetString();
                if (uuid is not null && uuid.StartsWith(ProbeLog.Prefix, StringComparison.Ordinal))
                {
                    found.Add(uuid);
                }
            }
        }

        return found;
    }

    /// <summary>The server closes a connection that sends nothing for 30 s; a ping every 10 s keeps it open.</summary>
    private async Task PingLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(PingInterval, cancellationToken);
                await SendAsync("""{"type":6}""", cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            Failure ??= ex;
        }
    }

    private Task SendAsync(string json, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + (char)RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>Reads one whole WebSocket message that ends a hub record (a record may in principle span messages).</summary>
    private async Task<ReadOnlyMemory<byte>> ReceiveMessageAsync(ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(64 * 1024), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The hub closed the connection: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage && buffer.WrittenCount > 0 && buffer.WrittenSpan[^1] == RecordSeparator)
            {
                return buffer.WrittenMemory;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_receiving, _pinging);
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Closing is best effort.
            }
        }

        _socket.Dispose();
        _stop.Dispose();
    }
}
