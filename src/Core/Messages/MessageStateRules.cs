namespace Dashboard.Core.Messages;

/// <summary>What a status callback is, measured against the state already stored (see <see cref="MessageStateRules.Judge"/>).</summary>
public enum StatusVerdict
{
    /// <summary>It moves the message on: a later state by rank, or a same-rank correction with a higher sequence.</summary>
    Advances,

    /// <summary>
    /// It reports the state already stored (Plivo's <c>queued</c> right after our own send stored the message as queued):
    /// normal, not late. Applied: its sequence and attributes become the message's.
    /// </summary>
    Confirms,

    /// <summary>
    /// It is behind what is stored: a lower rank, or a lower sequence than the highest seen when both carry one.
    /// Kept in the timeline, not applied.
    /// </summary>
    Late,

    /// <summary>
    /// Another state of the same rank (delivered after undelivered) with no sequences to tell which Plivo generated
    /// later: the first one stays. Kept in the timeline, not applied, and not late either.
    /// </summary>
    Conflicts,
}

/// <summary>
/// The one rule for how a message's state may move: forward only. Status callbacks repeat and
/// arrive out of order (Plivo retries late), so a late <c>sent</c> must never overwrite <c>delivered</c>.
/// </summary>
public static class MessageStateRules
{
    /// <summary>queued &lt; sent &lt; delivered/undelivered/failed/rejected &lt; read (WhatsApp).</summary>
    public static int Rank(MessageState state) => state switch
    {
        MessageState.Queued => 0,
        MessageState.Received => 0,
        MessageState.Sent => 1,
        MessageState.Delivered or MessageState.Undelivered or MessageState.Failed or MessageState.Rejected => 2,
        MessageState.Read => 3,
        _ => 0,
    };

    /// <summary>True for states after which no further change is expected (read only follows delivered).</summary>
    public static bool IsFinal(MessageState state) => Rank(state) >= 2;

    /// <summary>
    /// Judges an incoming status against the stored one. The rank decides first: a higher rank advances, a lower one
    /// is late even with a higher sequence (a terminal state is terminal). Within a rank, <c>Sequence</c> (the order
    /// in which Plivo generated the callbacks) decides when both sides carry one; without both, the same state is a
    /// confirmation and another state a conflict.
    /// </summary>
    /// <param name="currentSequence">The highest sequence received for the message so far (applied or not).</param>
    public static StatusVerdict Judge(MessageState current, int? currentSequence, MessageState incoming, int? incomingSequence)
    {
        var currentRank = Rank(current);
        var incomingRank = Rank(incoming);
        if (incomingRank != currentRank)
        {
            return incomingRank > currentRank ? StatusVerdict.Advances : StatusVerdict.Late;
        }

        if (incomingSequence is { } s && currentSequence is { } c && s != c)
        {
            return s < c ? StatusVerdict.Late : incoming == current ? StatusVerdict.Confirms : StatusVerdict.Advances;
        }

        return incoming == current ? StatusVerdict.Confirms : StatusVerdict.Conflicts;
    }

    /// <summary>Whether a verdict takes the callback's state and attributes as the message's current ones.</summary>
    public static bool IsApplied(StatusVerdict verdict) => verdict is StatusVerdict.Advances or StatusVerdict.Confirms;

    /// <summary>
    /// Whether a replayed callback (ADR-013) is applied: only when it moves the message on. A confirmation or a late or
    /// conflicting one changes nothing, so replaying the same callbacks again changes nothing more.
    /// </summary>
    public static bool IsAppliedOnReplay(StatusVerdict verdict) => verdict == StatusVerdict.Advances;
}
