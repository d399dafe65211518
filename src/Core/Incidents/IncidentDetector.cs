using Dashboard.Core.Messages;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Incidents;

/// <summary>
/// What the detector knows of one incident it has open: when it started (the first slice of the window that crossed
/// the threshold), how many failures and how much money it has counted, the baseline it is judged against (frozen when
/// it opened, so a long outage does not become its own normal) and its failures per slice, for the chart.
/// </summary>
/// <param name="SeriesStart">The start of the slice <see cref="Series"/> begins with.</param>
/// <param name="Series">Failures per <see cref="Slice"/> from <see cref="SeriesStart"/>, at most <see cref="IncidentDetector.MaxSeries"/>.</param>
public sealed record DetectedIncident(
    IncidentKey Key,
    DateTime StartedAt,
    DateTime DetectedAt,
    DateTime LastFailureAt,
    long Failures,
    long WastedAmount,
    double BaselinePerMinute,
    double PeakPerMinute,
    TimeSpan Slice,
    DateTime SeriesStart,
    IReadOnlyList<int> Series);

/// <summary>What changed since the detector was last asked: incidents opened, counted further, or gone quiet.</summary>
public sealed record DetectorChanges(
    IReadOnlyList<DetectedIncident> Opened,
    IReadOnlyList<DetectedIncident> Updated,
    IReadOnlyList<DetectedIncident> Closed)
{
    public bool IsEmpty => Opened.Count == 0 && Updated.Count == 0 && Closed.Count == 0;
}

/// <summary>
/// Detects incidents from the failures the writer applies (<see cref="Observe"/>, after each commit), in memory, with no
/// query: per <see cref="IncidentKey"/> a ring of slice counts covering <see cref="IncidentOptions.BaselinePeriod"/> and
/// <see cref="IncidentOptions.Window"/>. A key opens an incident when its window holds at least
/// <see cref="IncidentOptions.MinimumCount"/> failures at a rate at least <see cref="IncidentOptions.Ratio"/> times its
/// rate over the baseline period before the window (ADR-012). An open incident counts every further failure of its key
/// and closes by itself once the key has not been over the threshold for <see cref="IncidentOptions.QuietPeriod"/>.
/// Storing and announcing incidents is <see cref="IncidentMonitor"/>'s work, off the writer's thread.
/// </summary>
public sealed class IncidentDetector
{
    /// <summary>An incident's chart keeps its latest this many slices (a day at the default five-minute window).</summary>
    public const int MaxSeries = 1_440;

    /// <summary>The share of a country's failures one carrier must hold for the incident to be the carrier's.</summary>
    public const double CarrierShare = 0.9;

    private readonly Lock _lock = new();
    private readonly IncidentOptions _options;
    private readonly TimeProvider _time;
    private readonly long _sliceTicks;
    private readonly int _windowSlices;
    private readonly int _baselineSlices;
    private readonly long _startedSlice;
    private readonly Dictionary<IncidentKey, KeyCounts> _counts = [];
    private readonly Dictionary<IncidentKey, Active> _active = [];

    public IncidentDetector(IOptions<IncidentOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _sliceTicks = Math.Max(1, _options.Slice.Ticks);
        _windowSlices = IncidentOptions.SlicesPerWindow;
        _baselineSlices = (int)Math.Max(1, (_options.BaselinePeriod.Ticks + _sliceTicks - 1) / _sliceTicks);
        _startedSlice = time.GetUtcNow().UtcDateTime.Ticks / _sliceTicks;
    }

    /// <summary>
    /// Counts failures the writer has just committed, at the present time, and opens the incidents they push over the
    /// threshold. Cheap (a few array slots per failure), so it may run on the writer's thread.
    /// </summary>
    public void Observe(IReadOnlyList<ObservedFailure> failures)
    {
        if (failures.Count == 0 || !_options.Enabled)
        {
            return;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var slice = now.Ticks / _sliceTicks;
        lock (_lock)
        {
            foreach (var failure in failures)
            {
                // One outage, one incident: a failure already explained by an open incident (its carrier's, say) opens no
                // other one (its country's); of the keys it pushes over the threshold together, the one with the most
                // failures opens (the first of carrier, sender, country on a tie), but a country's that one carrier nearly
                // fills is the carrier's (Name).
                var keys = failure.Keys().ToList();
                var explained = keys.Exists(_active.ContainsKey);
                Crossing? best = null;
                foreach (var key in keys)
                {
                    if (Count(key, slice, failure.Amount ?? 0, now) is { } crossing && !explained && (best is null || crossing.InWindow > best.InWindow))
                    {
                        best = crossing;
                    }
                }

                if (best is not null)
                {
                    if (Name(best, keys, slice) is { } named)
                    {
                        Open(named, slice, now);
                    }
                }
            }
        }
    }

    /// <summary>A key that is over the threshold with no incident open.</summary>
    private sealed record Crossing(IncidentKey Key, KeyCounts Counts, long InWindow, long Wasted, long First, double PerMinute, double Baseline);

    /// <summary>
    /// Which incident a crossing opens, if any (ADR-012, "one outage, one incident"). A country's crossing whose failures
    /// in the window are nearly all (<see cref="CarrierShare"/>) one carrier's is that carrier's outage: it opens under
    /// the carrier's key, judged against the carrier's own baseline; and once that carrier's incident is open, the few
    /// failures of the same code on the country's other carriers open no country incident beside it. Otherwise a single
    /// such failure, a moment before the carrier's own key crossed, would name the whole outage after the country.
    /// </summary>
    private Crossing? Name(Crossing best, List<IncidentKey> keys, long slice)
    {
        if (best.Key.Dimension != IncidentDimension.Country)
        {
            return best;
        }

        var explainedByACarrier = _active.Keys.Any(k => k.Dimension == IncidentDimension.Carrier && k.ErrorCode == best.Key.ErrorCode
            && Numbering.CountryIsoOfMcc(k.Value.Split('/')[0]) == best.Key.Value && InWindow(k, slice) >= CarrierShare * best.InWindow);
        if (explainedByACarrier)
        {
            return null;
        }

        if (keys.Find(k => k.Dimension == IncidentDimension.Carrier) is not { } carrier || InWindow(carrier, slice) < CarrierShare * best.InWindow)
        {
            return best;
        }

        var counts = _counts[carrier];
        var (inWindow, wasted, first) = counts.Sum(slice - _windowSlices + 1, slice);
        return new Crossing(carrier, counts, inWindow, wasted, first, inWindow / _options.Window.TotalMinutes, Baseline(counts, slice) ?? 0);
    }

    private long InWindow(IncidentKey key, long slice) =>
        _counts.TryGetValue(key, out var counts) ? counts.Sum(slice - _windowSlices + 1, slice).Count : 0;

    /// <summary>
    /// Counts one failure under <paramref name="key"/>: into its open incident, if any; otherwise returns the crossing
    /// when the key is now over the threshold.
    /// </summary>
    private Crossing? Count(IncidentKey key, long slice, long amount, DateTime now)
    {
        if (!_counts.TryGetValue(key, out var counts))
        {
            counts = new KeyCounts(_windowSlices + _baselineSlices);
            _counts[key] = counts;
        }

        counts.Add(slice, amount);
        var (inWindow, wasted, first) = counts.Sum(slice - _windowSlices + 1, slice);
        var perMinute = inWindow / _options.Window.TotalMinutes;
        if (_active.TryGetValue(key, out var active))
        {
            active.Failures++;
            active.Wasted += amount;
            active.LastFailureAt = now;
            active.Peak = Math.Max(active.Peak, perMinute);
            active.AddToSeries(slice);
            if (IsOver(inWindow, perMinute, active.Baseline))
            {
                active.LastSpikeAt = now;
            }

            active.Changed = true;
            return null;
        }

        return Baseline(counts, slice) is { } baseline && IsOver(inWindow, perMinute, baseline)
            ? new Crossing(key, counts, inWindow, wasted, first, perMinute, baseline)
            : null;
    }

    private void Open(Crossing c, long slice, DateTime now)
    {
        var opened = new Active(c.Key, new DateTime(c.First * _sliceTicks, DateTimeKind.Utc), now, c.Baseline, c.First)
        {
            Failures = c.InWindow, Wasted = c.Wasted, Peak = c.PerMinute, LastFailureAt = now, LastSpikeAt = now, IsNew = true, Changed = true,
        };
        for (var s = c.First; s <= slice; s++)
        {
            opened.Series.Add((int)c.Counts.Sum(s, s).Count);
        }

        _active[c.Key] = opened;
    }

    /// <summary>
    /// The key's failures per minute over the baseline period before the window, or over as much of it as this detector
    /// has watched. With less than one window of history there is no baseline to compare with: null unless the window
    /// holds <see cref="IncidentOptions.Ratio"/> times <see cref="IncidentOptions.MinimumCount"/> (then 0), so a restart
    /// does not turn every key's usual failures into incidents.
    /// </summary>
    private double? Baseline(KeyCounts counts, long slice)
    {
        var to = slice - _windowSlices;
        var from = Math.Max(to - _baselineSlices + 1, _startedSlice);
        if (to - from + 1 < _windowSlices)
        {
            var (inWindow, _, _) = counts.Sum(slice - _windowSlices + 1, slice);
            return inWindow >= _options.Ratio * _options.MinimumCount ? 0 : null;
        }

        var (before, _, _) = counts.Sum(from, to);
        return before / ((to - from + 1) * _options.Slice.TotalMinutes);
    }

    private bool IsOver(long inWindow, double perMinute, double baselinePerMinute) =>
        inWindow >= _options.MinimumCount && perMinute >= _options.Ratio * baselinePerMinute;

    /// <summary>
    /// What changed since the last call: the incidents opened, those that counted more failures, and those whose key has
    /// been under the threshold for the quiet period (forgotten here as they are returned).
    /// </summary>
    public DetectorChanges Collect()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        List<DetectedIncident> opened = [], updated = [], closed = [];
        lock (_lock)
        {
            foreach (var active in _active.Values.ToList())
            {
                if (active.IsNew)
                {
                    opened.Add(active.Snapshot(_options.Slice));
                }
                else if (now - active.LastSpikeAt >= _options.QuietPeriod)
                {
                    _active.Remove(active.Key);
                    closed.Add(active.Snapshot(_options.Slice));
                }
                else if (active.Changed)
                {
                    updated.Add(active.Snapshot(_options.Slice));
                }

                active.IsNew = false;
                active.Changed = false;
            }

            // Keys with nothing left in their ring take no memory.
            var oldest = (now.Ticks / _sliceTicks) - _windowSlices - _baselineSlices;
            foreach (var (key, counts) in _counts.Where(c => c.Value.LastSlice < oldest && !_active.ContainsKey(c.Key)).ToList())
            {
                _counts.Remove(key);
            }
        }

        return new DetectorChanges(opened, updated, closed);
    }

    /// <summary>The incident open for <paramref name="key"/>, if any.</summary>
    public DetectedIncident? Find(IncidentKey key)
    {
        lock (_lock)
        {
            return _active.TryGetValue(key, out var active) ? active.Snapshot(_options.Slice) : null;
        }
    }

    /// <summary>
    /// Stops counting for an incident staff resolved: if its key is still over the threshold, its next failure opens a
    /// new incident.
    /// </summary>
    public void Forget(IncidentKey key)
    {
        lock (_lock)
        {
            _active.Remove(key);
        }
    }

    /// <summary>
    /// Takes an incident stored open (by an earlier run of the app, or another instance) as open here too, so that it
    /// counts its key's failures and closes after the quiet period; not reported as opened.
    /// </summary>
    public void Resume(DetectedIncident incident)
    {
        lock (_lock)
        {
            if (_active.ContainsKey(incident.Key))
            {
                return;
            }

            var firstSlice = incident.SeriesStart.Ticks / _sliceTicks;
            var resumed = new Active(incident.Key, incident.StartedAt, incident.DetectedAt, incident.BaselinePerMinute, firstSlice)
            {
                Failures = incident.Failures, Wasted = incident.WastedAmount, Peak = incident.PeakPerMinute,
                LastFailureAt = incident.LastFailureAt, LastSpikeAt = incident.LastFailureAt,
            };
            resumed.Series.AddRange(incident.Series);
            _active[incident.Key] = resumed;
        }
    }

    /// <summary>A key's failures and money per slice, in a ring as long as the baseline and the window together.</summary>
    private sealed class KeyCounts(int length)
    {
        private readonly long[] _slices = new long[length];
        private readonly int[] _counts = new int[length];
        private readonly long[] _amounts = new long[length];

        public long LastSlice { get; private set; }

        public void Add(long slice, long amount)
        {
            var i = (int)(slice % _slices.Length);
            if (_slices[i] != slice)
            {
                _slices[i] = slice;
                _counts[i] = 0;
                _amounts[i] = 0;
            }

            _counts[i]++;
            _amounts[i] += amount;
            LastSlice = Math.Max(LastSlice, slice);
        }

        /// <summary>Failures and money from slice <paramref name="from"/> to <paramref name="to"/>, and the first slice that had any.</summary>
        public (long Count, long Amount, long First) Sum(long from, long to)
        {
            long count = 0, amount = 0, first = to;
            for (var s = Math.Max(from, to - _slices.Length + 1); s <= to; s++)
            {
                var i = (int)(s % _slices.Length);
                if (_slices[i] == s && _counts[i] > 0)
                {
                    first = Math.Min(first, s);
                    count += _counts[i];
                    amount += _amounts[i];
                }
            }

            return (count, amount, first);
        }
    }

    private sealed class Active(IncidentKey key, DateTime startedAt, DateTime detectedAt, double baseline, long firstSlice)
    {
        public IncidentKey Key { get; } = key;

        public double Baseline { get; } = baseline;

        public long FirstSlice { get; private set; } = firstSlice;

        public List<int> Series { get; } = [];

        public long Failures { get; set; }

        public long Wasted { get; set; }

        public double Peak { get; set; }

        public DateTime LastFailureAt { get; set; }

        public DateTime LastSpikeAt { get; set; }

        /// <summary>Opened since the last <see cref="Collect"/>.</summary>
        public bool IsNew { get; set; }

        /// <summary>Counted a failure since the last <see cref="Collect"/>.</summary>
        public bool Changed { get; set; }

        public void AddToSeries(long slice)
        {
            var index = slice - FirstSlice;
            if (index < 0)
            {
                return;
            }

            if (index >= Series.Count + MaxSeries)
            {
                // Silent for longer than the chart is long: start it again here.
                Series.Clear();
                FirstSlice = slice;
                index = 0;
            }

            while (Series.Count <= index)
            {
                Series.Add(0);
            }

            Series[(int)index]++;
            if (Series.Count > MaxSeries)
            {
                var drop = Series.Count - MaxSeries;
                Series.RemoveRange(0, drop);
                FirstSlice += drop;
            }
        }

        public DetectedIncident Snapshot(TimeSpan slice) =>
            new(Key, startedAt, detectedAt, LastFailureAt, Failures, Wasted, Baseline, Peak, slice,
                new DateTime(FirstSlice * slice.Ticks, DateTimeKind.Utc), [.. Series]);
    }
}
