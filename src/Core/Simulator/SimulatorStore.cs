using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;

namespace Dashboard.Core.Simulator;

/// <summary>
/// A message as the simulated Plivo keeps it: its MDR, changed only under its own lock while its lifecycle runs.
/// </summary>
internal sealed class SimulatedMessage
{
    private readonly Lock _gate = new();
    private PlivoMessage _mdr;
    private int _pending;

    public SimulatedMessage(PlivoMessage mdr, string to, IReadOnlyList<PlivoMedia> media, DateTime createdAt)
    {
        _mdr = mdr;
        To = to;
        Media = media;
        CreatedAt = createdAt;
    }

    public string Uuid => _mdr.MessageUuid;

    /// <summary>The real destination, even when the MDR masks it (<c>log=false</c>).</summary>
    public string To { get; }

    public DateTime CreatedAt { get; }

    public IReadOnlyList<PlivoMedia> Media { get; }

    /// <summary>True once its lifecycle has ended and every callback of it was delivered (or given up on).</summary>
    public bool Settled => Volatile.Read(ref _pending) == 0;

    /// <summary>Marks work in flight for this message (its lifecycle, a callback delivery); pair with <see cref="Release"/>.</summary>
    public void Hold() => Interlocked.Increment(ref _pending);

    public void Release() => Interlocked.Decrement(ref _pending);

    public PlivoMessage Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _mdr;
            }
        }
    }

    /// <summary>Applies a change and returns the record as it now is.</summary>
    public PlivoMessage Update(Func<PlivoMessage, PlivoMessage> change)
    {
        lock (_gate)
        {
            _mdr = change(_mdr);
            return _mdr;
        }
    }
}

/// <summary>
/// The simulated Plivo's own message records, in memory and bounded (the oldest are forgotten first): they answer
/// the get, list and media calls. The dashboard's database is a different system and is never read here.
/// </summary>
public sealed class SimulatorStore(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimulatedMessage> _byUuid = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SimulatedMessage> _order = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byUuid.Count;
            }
        }
    }

    internal void Add(SimulatedMessage message)
    {
        lock (_gate)
        {
            _byUuid[message.Uuid] = message;
            _order.Add(message);
            // Trim in chunks so adding stays cheap on average.
            if (_order.Count > capacity + Math.Max(1, capacity / 10))
            {
                var excess = _order.Count - capacity;
                foreach (var old in _order.Take(excess))
                {
                    _byUuid.Remove(old.Uuid);
                }

                _order.RemoveRange(0, excess);
            }
        }
    }

    internal SimulatedMessage? Find(string uuid)
    {
        lock (_gate)
        {
            return _byUuid.GetValueOrDefault(uuid.Trim());
        }
    }

    /// <summary>The newest messages first, at most <paramref name="max"/>, matching <paramref name="predicate"/>.</summary>
    internal List<SimulatedMessage> Newest(int max, Func<SimulatedMessage, bool> predicate)
    {
        var found = new List<SimulatedMessage>();
        lock (_gate)
        {
            for (var i = _order.Count - 1; i >= 0 && found.Count < max; i--)
            {
                if (predicate(_order[i]))
                {
                    found.Add(_order[i]);
                }
            }
        }

        return found;
    }

    /// <summary>Plivo's list: newest first, filtered, paged by offset and limit; also the total that matched.</summary>
    internal (List<PlivoMessage> Page, int Total) List(MessageFilter filter, DateTime now)
    {
        List<SimulatedMessage> all;
        lock (_gate)
        {
            all = [.. _order];
        }

        // Without a time filter Plivo lists the last 24 hours only.
        var noTime = filter.TimeGt is null && filter.TimeGte is null && filter.TimeLt is null && filter.TimeLte is null;
        var matching = new List<PlivoMessage>();
        for (var i = all.Count - 1; i >= 0; i--)
        {
            var m = all[i];
            if ((!noTime || m.CreatedAt >= now.AddDays(-1)) && Matches(m.Snapshot, m.CreatedAt, filter))
            {
                matching.Add(m.Snapshot);
            }
        }

        return ([.. matching.Skip(filter.Offset).Take(filter.Limit)], matching.Count);
    }

    private static bool Matches(PlivoMessage m, DateTime time, MessageFilter f) =>
        (f.Direction is not { } d || m.MessageDirection == PlivoNames.Of(d))
        && (f.States.Count == 0 || f.States.Any(s => m.MessageState == PlivoNames.Of(s)))
        && (f.Type is not { } t || m.MessageType == PlivoNames.Of(t))
        && (f.TimeGt is not { } gt || time > gt)
        && (f.TimeGte is not { } gte || time >= gte)
        && (f.TimeLt is not { } lt || time < lt)
        && (f.TimeLte is not { } lte || time <= lte)
        && (f.ErrorCode is not { } e || m.ErrorCode == e)
        && (f.PowerpackId is not { } p || string.Equals(m.PowerpackId, p, StringComparison.OrdinalIgnoreCase))
        && (f.FromNumber is not { } from || m.FromNumber == Numbering.NormalizeNumber(from))
        && (f.ToNumber is not { } to || m.ToNumber == Numbering.NormalizeNumber(to))
        && (f.CountryIso2 is not { } c || m.DestinationCountryIso2 == c)
        && (f.PlivoConversationId is not { } ci || m.ConversationId == ci)
        && (f.ConversationOrigin is not { } co || m.ConversationOrigin == co);
}
