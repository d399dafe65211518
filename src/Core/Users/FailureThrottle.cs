using System.Collections.Concurrent;

namespace Dashboard.Core.Users;

/// <summary>
/// Slows down repeated failures per key (a user name at sign-in, an address at the simulator's Basic auth) with a
/// doubling wait instead of a hard lock (ADR-007): after <c>freeFailures</c> failures each further one makes the key
/// wait 1 s, 2 s, 4 s … up to <c>maxDelay</c>; a success forgets the key. Nothing is checked while a key waits, so a
/// guesser gets one try per wait, and the owner of a name someone else is guessing waits at most <c>maxDelay</c>.
/// Kept in memory, at most <c>capacity</c> keys (a flood of invented names forgets the quiet ones first).
/// </summary>
public sealed class FailureThrottle(TimeProvider time, int freeFailures, TimeSpan maxDelay, int capacity = 100_000)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="key"/> must still wait before its next try, or null when it may try now.</summary>
    public TimeSpan? Wait(string key)
    {
        var now = time.GetUtcNow();
        return _entries.TryGetValue(key, out var entry) && entry.BlockedUntil > now ? entry.BlockedUntil - now : null;
    }

    public void Fail(string key)
    {
        var now = time.GetUtcNow();
        if (_entries.Count >= capacity)
        {
            Prune(now);
        }

        _entries.AddOrUpdate(key, _ => Next(new Entry(0, now, now), now), (_, entry) => Next(entry, now));
    }

    public void Succeed(string key) => _entries.TryRemove(key, out _);

    private Entry Next(Entry entry, DateTimeOffset now)
    {
        // A key quiet for longer than the longest wait starts over.
        var failures = now - entry.LastFailure > maxDelay * 2 ? 1 : entry.Failures + 1;
        var over = failures - freeFailures;
        var delay = over <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(over - 1, 30)), maxDelay.TotalSeconds));
        return new Entry(failures, now, now + delay);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastFailure > maxDelay * 2)
            {
                _entries.TryRemove(key, out _);
            }
        }

        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset BlockedUntil);
}
