using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dashboard.Bench.Latency;

/// <summary>
/// One clock for the whole run: milliseconds since the bench started, from <see cref="Stopwatch"/>. Times taken in
/// the browser (wall-clock epoch milliseconds, <c>Date.now()</c>) are converted through the wall clock read once
/// at start; the browser and this process read the same system clock, and over a run of a few minutes the
/// monotonic and wall clocks do not drift apart measurably.
/// </summary>
public sealed class Clock
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly double _startEpochMs = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    public double Now() => Stopwatch.GetElapsedTime(_start).TotalMilliseconds;

    public double FromEpochMs(double epochMs) => epochMs - _startEpochMs;
}

/// <summary>What happened to one probe message; times in <see cref="Clock"/> milliseconds, null until it happens.</summary>
public sealed class Probe(string uuid)
{
    public string Uuid { get; } = uuid;

    /// <summary>Counted in the results (warm-up probes are not).</summary>
    public bool Measured { get; set; }

    public double? PostStarted { get; set; }

    /// <summary>t0: the callback's 200 was received.</summary>
    public double? Acknowledged { get; set; }

    public string? Error { get; set; }

    /// <summary>The hub batch carrying this UUID reached the SignalR client's handler.</summary>
    public double? AtHub { get; set; }

    /// <summary>The row appeared in the page's DOM (MutationObserver, browser clock).</summary>
    public double? InDom { get; set; }

    /// <summary>The page's report of the row reached this process (Playwright exposed function).</summary>
    public double? ReportedByPage { get; set; }
}

/// <summary>
/// Probes by UUID. Arrivals may be recorded before the 200 is (the hub can be faster than the HTTP response under
/// load), so every recorder creates the entry it needs; only the first arrival of each kind counts.
/// </summary>
public sealed class ProbeLog
{
    /// <summary>Every probe UUID starts with this, so the listeners can ignore the load generator's messages cheaply.</summary>
    public const string Prefix = "1a7e1a7e";

    private readonly ConcurrentDictionary<string, Probe> _probes = new(StringComparer.Ordinal);

    public ProbeLog(Clock clock) => Clock = clock;

    public Clock Clock { get; }

    public static string NewUuid() => Prefix + Guid.NewGuid().ToString("D")[8..];

    public Probe this[string uuid] => _probes.GetOrAdd(uuid, u => new Probe(u));

    public IEnumerable<Probe> All => _probes.Values;

    public void SeenAtHub(string uuid, double at)
    {
        var probe = this[uuid];
        lock (probe)
        {
            probe.AtHub ??= at;
        }
    }

    public void SeenOnPage(string uuid, double inDom, double reported)
    {
        var probe = this[uuid];
        lock (probe)
        {
            probe.InDom ??= inDom;
            probe.ReportedByPage ??= reported;
        }
    }
}
