using Dashboard.Core.Messages;
using Dashboard.Core.Reports;

namespace Dashboard.Core.Storage;

internal abstract partial class WriterStore
{
    /// <summary>
    /// Adds (or, with -1, removes) a message's contribution to its day's rollup rows, one per report dimension.
    /// Deltas are summed in memory and written once per batch by <see cref="FlushRollups"/>: a batch of a thousand
    /// callbacks touches a few dozen rows.
    /// </summary>
    public void AddToRollup(MessageRow row, int sign)
    {
        var day = DateOnly.FromDateTime(row.MessageTime);
        foreach (var (dimension, key) in DailyFact.KeysOf(row.Type, row.CountryIso2, row.Mcc, row.Mnc, row.ErrorCode, row.PowerpackUuid, row.ConversationOrigin))
        {
            var rollupKey = new RollupKey(day, dimension, key, row.Direction, row.State);
            _rollups.TryGetValue(rollupKey, out var delta);
            // Checked: an amount no parser should have let through must fail its write, not wrap the day's sum.
            _rollups[rollupKey] = checked(new RollupDelta(delta.Messages + sign, delta.Units + (sign * (row.Units ?? 0)), delta.Amount + (sign * (row.TotalAmount ?? 0))));
        }
    }

    /// <summary>
    /// Moves a message's contribution to the latency histograms (ADR-014) from what its row was
    /// (<paramref name="before"/>, null for a new message) to what it is: nothing when neither its buckets nor its keys
    /// changed, which is every duplicate and late callback. Summed per batch like the rollups.
    /// </summary>
    public void AddToLatency(MessageRow? before, MessageRow after)
    {
        var old = before is null ? default : LatencyHistogram.Of(before);
        var now = LatencyHistogram.Of(after);
        if (old != now)
        {
            AddToLatency(old, -1);
            AddToLatency(now, +1);
        }
    }

    private void AddToLatency(LatencyHistogram.Contribution contribution, int sign)
    {
        if (contribution == default)
        {
            return;
        }

        foreach (var (dimension, key) in contribution.Keys())
        {
            Add(LatencyStage.ToSent, contribution.ToSent);
            Add(LatencyStage.ToDelivered, contribution.ToDelivered);

            void Add(LatencyStage stage, int? bucket)
            {
                if (bucket is { } b)
                {
                    var latencyKey = new LatencyKey(dimension, contribution.Day, key, stage, b);
                    _latency[latencyKey] = _latency.GetValueOrDefault(latencyKey) + sign;
                }
            }
        }
    }

    /// <summary>
    /// Writes the batch's summed rollup deltas, each an atomic increment (so writers sharing the database add up),
    /// in one order of keys (so two of them never wait on each other's rows in a cycle); call inside the transaction,
    /// before the commit.
    /// </summary>
    public void FlushRollups()
    {
        foreach (var (key, delta) in _rollups.Where(r => r.Value != default).OrderBy(r => r.Key))
        {
            (string, object?)[] values =
            [
                ("day", DayValue(key.Day)), ("dimension", (int)key.Dimension), ("key", key.Key),
                ("direction", (int)key.Direction), ("state", (int)key.State),
                ("count", delta.Messages), ("units", delta.Units), ("amount", delta.Amount),
            ];
            long? integer;
            try
            {
                if (!RollupOverflowIsAnError)
                {
                    integer = QuerySingle(sql.AddToRollup, row => row.GetInt64(0), values);
                }
                else
                {
                    // Nothing to read: an overflow fails the statement, here or when the held-back statements are sent.
                    Execute(sql.AddToRollup, values);
                    integer = 1;
                }
            }
            catch (Exception ex) when (IsOverflow(ex))
            {
                integer = 0;
            }

            if (integer is not 1)
            {
                // SQLite turns an integer sum that overflows into a float, PostgreSQL raises an error: either way the
                // transaction rolls back, with the same exception.
                throw RollupOverflow(key.Day, key.Dimension, key.Key);
            }
        }

        _rollups.Clear();
        foreach (var (key, count) in _latency.Where(l => l.Value != 0).OrderBy(l => l.Key))
        {
            Execute(sql.AddToLatency, ("day", DayValue(key.Day)), ("dimension", (int)key.Dimension), ("key", key.Key),
                ("stage", (int)key.Stage), ("bucket", key.Bucket), ("count", count));
        }

        _latency.Clear();
        try
        {
            Flush();
        }
        catch (Exception ex) when (IsOverflow(ex))
        {
            throw new OverflowException("A write of the batch overflowed: a rollup sum past 64 bits, or a value past its column's range.", ex);
        }
    }

    /// <summary>Sends what the store still holds back (PostgreSQL's pipelined statements); called before the commit.</summary>
    protected virtual void Flush()
    {
    }

    /// <summary>
    /// True where a rollup sum that overflows fails its statement (PostgreSQL's bigint), so the increments can be sent
    /// without reading their answers; false where the answer says whether the sums are still integers (SQLite).
    /// </summary>
    protected virtual bool RollupOverflowIsAnError => false;

    /// <summary>How the provider binds a rollup's day (SQLite: ISO text, as EF Core stores a DateOnly there).</summary>
    protected abstract object DayValue(DateOnly day);

    /// <summary>True when <paramref name="exception"/> is the provider's report of a 64-bit sum overflow.</summary>
    protected virtual bool IsOverflow(Exception exception) => false;

    private static OverflowException RollupOverflow(DateOnly day, ReportDimension dimension, string key) =>
        new($"The {day:yyyy-MM-dd} rollup of {dimension} '{key}' would overflow a 64-bit sum.");

    private readonly record struct RollupKey(DateOnly Day, ReportDimension Dimension, string Key, MessageDirection Direction, MessageState State)
        : IComparable<RollupKey>
    {
        public int CompareTo(RollupKey other)
        {
            var c = Dimension.CompareTo(other.Dimension);
            c = c != 0 ? c : Day.CompareTo(other.Day);
            c = c != 0 ? c : string.CompareOrdinal(Key, other.Key);
            c = c != 0 ? c : Direction.CompareTo(other.Direction);
            return c != 0 ? c : State.CompareTo(other.State);
        }
    }

    /// <summary>Ordered as the unique index (Dimension, Day, Key, Stage, Bucket), like <see cref="RollupKey"/>.</summary>
    private readonly record struct LatencyKey(ReportDimension Dimension, DateOnly Day, string Key, LatencyStage Stage, int Bucket)
        : IComparable<LatencyKey>
    {
        public int CompareTo(LatencyKey other)
        {
            var c = Dimension.CompareTo(other.Dimension);
            c = c != 0 ? c : Day.CompareTo(other.Day);
            c = c != 0 ? c : string.CompareOrdinal(Key, other.Key);
            c = c != 0 ? c : Stage.CompareTo(other.Stage);
            return c != 0 ? c : Bucket.CompareTo(other.Bucket);
        }
    }

    private readonly record struct RollupDelta(long Messages, long Units, long Amount);
}
