namespace Dashboard.Core.Live;

/// <summary>
/// Whether changes taken by the other instances reach this one: false only while Redis is configured and not
/// connected. Pages show a banner then, and <c>/healthz</c> reports Degraded; storing and acknowledging webhooks go on.
/// </summary>
public sealed class LiveStatus
{
    private int _degraded;

    /// <summary>True while live updates from the other instances are interrupted.</summary>
    public bool CrossInstanceDegraded => Volatile.Read(ref _degraded) == 1;

    /// <summary>Raised when <see cref="CrossInstanceDegraded"/> changes (on a Redis connection thread: do not block it).</summary>
    public event Action? Changed;

    internal void Set(bool degraded)
    {
        if (Interlocked.Exchange(ref _degraded, degraded ? 1 : 0) != (degraded ? 1 : 0))
        {
            Changed?.Invoke();
        }
    }
}
