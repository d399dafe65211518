using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Dashboard.Core.Incidents;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Live;

/// <summary>
/// One committed change on the <see cref="LiveFeed"/>: a message's (<see cref="MessageChange"/>), an inbox
/// conversation's that no message carries (<see cref="ConversationChange"/>) or an incident's
/// (<see cref="IncidentChange"/>). Serialized as this base type, each keeps its kind (<c>"$kind": "message"</c>,
/// <c>"conversation"</c> or <c>"incident"</c>), so a transport between instances can carry the feed as it is.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(MessageChange), "message")]
[JsonDerivedType(typeof(ConversationChange), "conversation")]
[JsonDerivedType(typeof(IncidentChange), "incident")]
public abstract record LiveChange
{
    /// <summary>When the writer committed it (UTC).</summary>
    public abstract DateTime At { get; init; }
}

/// <summary>
/// A compact change of one message, published after its commit. <see cref="Applied"/> is false for a callback
/// that only added to the timeline (late or repeated): the message's state did not move, but an open timeline
/// should still show the new event.
/// </summary>
public sealed record MessageChange(
    string MessageUuid,
    MessageDirection Direction,
    MessageType Type,
    MessageState State,
    string? ErrorCode,
    long? TotalAmount,
    DateTime At,
    long? InboxConversationId,
    bool Created,
    bool Applied = true) : LiveChange;

/// <summary>What changed in an inbox conversation without a message of its own.</summary>
public enum ConversationChangeKind
{
    /// <summary>An agent read it: its unread count went down.</summary>
    Read,

    /// <summary>An agent opted its contact out, or back in.</summary>
    OptOut,
}

/// <summary>
/// A committed change of an inbox conversation that no <see cref="MessageChange"/> carries (a new message already
/// says its conversation changed): the unread badge, the inbox list and an open conversation re-read on it.
/// </summary>
/// <param name="InboxConversationId">The conversation, or null when the change is not tied to one.</param>
public sealed record ConversationChange(long? InboxConversationId, ConversationChangeKind Kind, DateTime At) : LiveChange;

/// <summary>
/// Publish/subscribe of committed changes, messages', inbox conversations' and incidents' alike: the one feed the pages,
/// the hub and the incidents' webhook follow. Each subscriber has its own bounded buffer that drops its oldest entries when full, so a slow page or
/// hub client never blocks ingestion. A batch is delivered here at once and handed to the <see cref="ILiveTransport"/>,
/// if any, which brings it to the feeds of the other instances (ADR-011): every subscriber sees each change once,
/// wherever it was taken.
/// </summary>
public sealed class LiveFeed
{
    private readonly ConcurrentDictionary<LiveSubscription, byte> _subscribers = new();
    private readonly ILiveTransport? _transport;

    /// <summary>A feed of this process only: one instance (the default), or a test.</summary>
    public LiveFeed()
    {
    }

    /// <summary>A feed shared with the other instances through <paramref name="transport"/>.</summary>
    public LiveFeed(ILiveTransport transport)
    {
        _transport = transport;
        transport.Received += changes => Deliver(changes, fromThisInstance: false);
    }

    /// <summary>Publishes a committed batch to every subscriber, here and on the other instances, without waiting for any of them.</summary>
    public void Publish(IReadOnlyList<LiveChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        Deliver(changes, fromThisInstance: true);
        _transport?.Send(changes);
    }

    /// <summary>
    /// Subscribes; dispose the subscription to leave. <paramref name="capacity"/> bounds what a slow reader may lag.
    /// <paramref name="thisInstanceOnly"/>: only the changes this instance took (the hub's broadcaster: SignalR's Redis
    /// backplane brings them to the other instances' clients itself). <paramref name="accepts"/>: only the changes it
    /// holds true for, so that a reader of a few incident changes is not filled (and its buffer not overrun) with
    /// thousands of message changes.
    /// </summary>
    public LiveSubscription Subscribe(int capacity = 10_000, bool thisInstanceOnly = false, Func<LiveChange, bool>? accepts = null)
    {
        var subscription = new LiveSubscription(this, capacity, thisInstanceOnly, accepts);
        _subscribers[subscription] = 0;
        return subscription;
    }

    private void Deliver(IReadOnlyList<LiveChange> changes, bool fromThisInstance)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            if (!fromThisInstance && subscriber.ThisInstanceOnly)
            {
                continue;
            }

            foreach (var change in changes)
            {
                if (subscriber.Accepts?.Invoke(change) != false)
                {
                    subscriber.Writer.TryWrite(change);
                }
            }
        }
    }

    internal void Remove(LiveSubscription subscription) => _subscribers.TryRemove(subscription, out _);
}

/// <summary>One subscriber's buffer of changes; read <see cref="Reader"/>, dispose to unsubscribe.</summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly LiveFeed _feed;
    private readonly Channel<LiveChange> _channel;

    internal LiveSubscription(LiveFeed feed, int capacity, bool thisInstanceOnly, Func<LiveChange, bool>? accepts)
    {
        _feed = feed;
        ThisInstanceOnly = thisInstanceOnly;
        Accepts = accepts;
        _channel = Channel.CreateBounded<LiveChange>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public ChannelReader<LiveChange> Reader => _channel.Reader;

    internal bool ThisInstanceOnly { get; }

    /// <summary>The changes it takes; null for all.</summary>
    internal Func<LiveChange, bool>? Accepts { get; }

    internal ChannelWriter<LiveChange> Writer => _channel.Writer;

    /// <summary>
    /// Waits for changes and hands them over in batches at most every <paramref name="interval"/>, so a burst
    /// of thousands of callbacks a second becomes a few re-renders a second.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<LiveChange>> ReadBatchesAsync(
        TimeSpan interval,
        TimeProvider? time = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var batch = new List<LiveChange>();
        while (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_channel.Reader.TryRead(out var change))
            {
                batch.Add(change);
            }

            // The interval counts from when the batch was handed over, so the consumer's own work (a re-query, a
            // render) is part of it rather than added to it: a change waits at most about one interval.
            var handedOver = time.GetTimestamp();
            yield return batch;
            batch = [];
            var remaining = interval - time.GetElapsedTime(handedOver);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        _feed.Remove(this);
        _channel.Writer.TryComplete();
    }
}
