using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.Core.Live;

/// <summary>
/// The one Redis connection of this instance (ConnectionStrings:Redis), shared by the live feed's transport and
/// SignalR's backplane. Unreachable at start: the start stops with one line naming the setting (as for PostgreSQL).
/// Lost while running: the client reconnects by itself, and <see cref="LiveStatus"/> says live updates from the other
/// instances are degraded until it is back.
/// </summary>
public sealed partial class RedisConnection(IOptions<LiveOptions> options, LiveStatus status, ILogger<RedisConnection> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<IConnectionMultiplexer> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, byte> _down = new(StringComparer.Ordinal);

    /// <summary>The connection, once <see cref="StartAsync"/> made it (SignalR's backplane asks for it lazily).</summary>
    public Task<IConnectionMultiplexer> Connected => _connected.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Redis ?? "");
        // Fail the start rather than wait in the background; once connected, the client reconnects on its own.
        configuration.AbortOnConnectFail = true;
        configuration.ClientName ??= "dashboard";
        try
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
            multiplexer.ConnectionFailed += (_, e) => Changed(e, up: false);
            multiplexer.ConnectionRestored += (_, e) => Changed(e, up: true);
            _connected.TrySetResult(multiplexer);
        }
        catch (Exception ex) when (ex is RedisException or ArgumentException)
        {
            var unavailable = new RedisUnavailableException(
                $"Cannot reach the Redis server named by ConnectionStrings:Redis: {ex.Message.Split('\n')[0].Trim()}", ex);
            _connected.TrySetException(unavailable);
            throw unavailable;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_connected.Task.IsCompletedSuccessfully)
        {
            await _connected.Task.Result.DisposeAsync();
        }
    }

    private void Changed(ConnectionFailedEventArgs e, bool up)
    {
        var key = $"{e.EndPoint}/{e.ConnectionType}";
        if (up)
        {
            _down.TryRemove(key, out _);
        }
        else if (_down.TryAdd(key, 0))
        {
            LogLost(logger, e.ConnectionType, e.EndPoint?.ToString(), e.FailureType);
        }

        var degraded = !_down.IsEmpty;
        if (up && !degraded)
        {
            LogRestored(logger);
        }

        status.Set(degraded);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {ConnectionType} connection to {EndPoint} lost ({FailureType}): live updates from other instances are interrupted until it is back")]
    private static partial void LogLost(ILogger logger, ConnectionType connectionType, string? endPoint, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection restored: live updates from other instances resume")]
    private static partial void LogRestored(ILogger logger);
}

/// <summary>Redis could not be reached at start; the message names the setting to check.</summary>
public sealed class RedisUnavailableException(string message, Exception inner) : Exception(message, inner);
