namespace Dashboard.Core.Live;

/// <summary>
/// Carries what a <see cref="LiveFeed"/> publishes to the feeds of the other instances (ADR-011): Redis pub/sub
/// (<see cref="RedisLiveTransport"/>) when <c>ConnectionStrings:Redis</c> is set; none otherwise, and the feed stays
/// in-process.
/// </summary>
public interface ILiveTransport
{
    /// <summary>Hands a batch published on this instance to the others; never blocks (the writer calls it after a commit).</summary>
    void Send(IReadOnlyList<LiveChange> changes);

    /// <summary>A batch another instance published; never one of this instance's own.</summary>
    event Action<IReadOnlyList<LiveChange>>? Received;
}
