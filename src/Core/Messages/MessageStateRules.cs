namespace Dashboard.Core.Messages;

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
    /// Whether an incoming status should replace the stored one. <c>Sequence</c> (the order in which Plivo
    /// generated the callbacks) decides when both sides carry it; the state's rank decides otherwise,
    /// and a lower rank never wins even with a higher sequence (a terminal state is terminal).
    /// </summary>
    public static bool ShouldApply(MessageState current, int? currentSequence, MessageState incoming, int? incomingSequence)
    {
        var currentRank = Rank(current);
        var incomingRank = Rank(incoming);
        if (incomingRank != currentRank)
        {
            return incomingRank > currentRank;
        }

        // Same rank: a correction between terminal states (e.g. delivered, then undelivered) follows the
        // sequence; without sequences on both sides the first terminal state stays.
        return incomingSequence is { } s && currentSequence is { } c && s > c;
    }
}
