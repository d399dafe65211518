using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Dashboard.Core.Live;

/// <summary>
/// The live feed across instances over Redis pub/sub (ADR-011): each batch this instance publishes goes, as one JSON
/// message tagged with this instance's id, to one channel every instance subscribes to; a message that comes back to
/// its sender is dropped (its own subscribers had the batch at once), so each change reaches each instance once.
/// Sending never blocks the writer: batches wait in a bounded outbox (oldest dropped when full) for one sender loop,
/// which folds whatever has piled up into one message. Pub/sub keeps nothing for an instance that is not connected:
/// changes published while Redis is away are not replayed (storage is the truth; a page reloaded shows them).
/// </summary>
public sealed partial class RedisLiveTransport(RedisConnection redis, ILogger<RedisLiveTransport> logger) : BackgroundService, ILiveTransport
{
    /// <summary>The one channel of the feed.</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("dashboard:live");

    private readonly Guid _instance = Guid.NewGuid();
    private readonly Channel<IReadOnlyList<LiveChange>> _outbox = System.Threading.Channels.Channel.CreateBounded<IReadOnlyList<LiveChange>>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private ISubscriber? _subscriber;
    private bool _failing;

    public event Action<IReadOnlyList<LiveChange>>? Received;

    public void Send(IReadOnlyList<LiveChange> changes) => _outbox.Writer.TryWrite(changes);

    /// <summary>Subscribes before the app takes traffic, so no change of another instance is missed once it serves.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var multiplexer = await redis.Connected.WaitAsync(cancellationToken);
        _subscriber = multiplexer.GetSubscriber();
        var queue = await _subscriber.SubscribeAsync(Channel);
        // One handler, in order: batches of one sender arrive as they were published.
        queue.OnMessage(OnMessage);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = new List<LiveChange>();
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(stoppingToken))
            {
                changes.Clear();
                while (changes.Count < 5_000 && _outbox.Reader.TryRead(out var batch))
                {
                    changes.AddRange(batch);
                }

                await PublishAsync(changes);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PublishAsync(List<LiveChange> changes)
    {
        try
        {
            await _subscriber!.PublishAsync(Channel, JsonSerializer.SerializeToUtf8Bytes(new LiveEnvelope(_instance, changes)));
            if (_failing)
            {
                _failing = false;
                LogPublishing(logger);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Stored already, and on this instance's pages already; the other instances miss these until a reload.
            if (!_failing)
            {
                _failing = true;
                LogPublishFailed(logger, ex, changes.Count);
            }
        }
    }

    private void OnMessage(ChannelMessage message)
    {
        LiveEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<LiveEnvelope>((byte[]?)message.Message ?? []);
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, ex);
            return;
        }

        if (envelope is { Changes.Count: > 0 } && envelope.From != _instance)
        {
            Received?.Invoke(envelope.Changes);
        }
    }

    /// <summary>One published batch on the wire: who sent it (to drop our own echo) and its changes.</summary>
    internal sealed record LiveEnvelope(Guid From, IReadOnlyList<LiveChange> Changes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Count} live changes to Redis; the other instances miss them (logged once until publishing works again)")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing live changes to Redis again")]
    private static partial void LogPublishing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live message on Redis could not be read; dropped")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
