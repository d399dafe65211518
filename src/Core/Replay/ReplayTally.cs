using Dashboard.Core.Messages;

namespace Dashboard.Core.Replay;

/// <summary>
/// Counts a replay as it goes, per message: its stored state before the replay and its state now. A preview moves that
/// state by the writer's rule (<see cref="Judge"/>); a replay takes what the writer answered (<see cref="Written"/>).
/// </summary>
internal sealed class ReplayTally
{
    private readonly Dictionary<string, Track> _messages = new(StringComparer.Ordinal);
    private readonly List<RejectedCallback> _rejections = [];

    public int Read { get; set; }

    private int Rejected { get; set; }

    public void Reject(string where, string reason)
    {
        Rejected++;
        if (_rejections.Count < ReplayReport.MaxListedRejections)
        {
            _rejections.Add(new RejectedCallback(where, reason));
        }
    }

    public bool Knows(string uuid) => _messages.ContainsKey(uuid);

    /// <summary>The message's stored state and highest sequence, or null when we have no record of it.</summary>
    public void Learn(string uuid, (MessageState State, int? Sequence)? stored) =>
        _messages[uuid] = stored is { } s ? new Track(s.State, s.State, s.Sequence, Changed: false) : new Track(null, null, null, Changed: false);

    /// <summary>What the writer would do with the callback (<see cref="MessageWriter.WriteReplayedAsync"/>), without writing.</summary>
    public void Judge(Webhooks.StatusCallback callback)
    {
        var track = _messages[callback.MessageUuid];
        if (track.Current is not { } current)
        {
            _messages[callback.MessageUuid] = track with { Current = callback.Status, Sequence = callback.Sequence, Changed = true };
            return;
        }

        if (MessageStateRules.IsAppliedOnReplay(MessageStateRules.Judge(current, track.Sequence, callback.Status, callback.Sequence)))
        {
            var highest = track.Sequence is { } s && callback.Sequence is { } c ? Math.Max(s, c) : track.Sequence ?? callback.Sequence;
            _messages[callback.MessageUuid] = track with { Current = callback.Status, Sequence = highest, Changed = true };
        }
    }

    /// <summary>What the writer did with the callback.</summary>
    public void Written(string uuid, WriteResult result)
    {
        var track = _messages[uuid];
        var changed = result.Outcome is WriteOutcome.Created or WriteOutcome.Applied;
        _messages[uuid] = track with { Current = result.State, Changed = track.Changed || changed };
    }

    public ReplayReport Report(bool preview)
    {
        var changed = _messages.Values.Where(t => t.Changed).ToList();
        return new ReplayReport
        {
            IsPreview = preview,
            Read = Read,
            Rejected = Rejected,
            Rejections = _rejections,
            Changed = changed.Count,
            Created = changed.Count(t => t.Before is null),
            Unchanged = _messages.Count - changed.Count,
            Transitions = [.. changed.GroupBy(t => (t.Before, To: t.Current!.Value))
                .Select(g => new ReplayTransition(g.Key.Before, g.Key.To, g.Count()))
                .OrderByDescending(t => t.Messages).ThenBy(t => t.From).ThenBy(t => t.To)],
        };
    }

    /// <param name="Before">The stored state before the replay; null when the message was unknown.</param>
    /// <param name="Current">The state now (in a preview: the state it would have); null while unknown.</param>
    private sealed record Track(MessageState? Before, MessageState? Current, int? Sequence, bool Changed);
}
