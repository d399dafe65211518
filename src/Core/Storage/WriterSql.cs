namespace Dashboard.Core.Storage;

/// <summary>
/// The statements of <see cref="WriterStore"/> in one provider's dialect, with the parameter names its methods bind
/// (written with the provider's prefix). Each text is one constant, so a store caches its prepared form by reference.
/// </summary>
internal abstract class WriterSql
{
    /// <summary>Id, InboxConversationId, then the columns of <see cref="Messages.MessageRow"/> in declaration order.</summary>
    public abstract string FindMessage { get; }

    public abstract string InsertMessageFromCallback { get; }

    /// <summary>The UPDATE that sets State only when <paramref name="state"/>, ErrorCode only when <paramref name="error"/>.</summary>
    public abstract string UpdateMessageFromCallback(bool state, bool error);

    public abstract string InsertInboundMessage { get; }

    /// <summary>Sets the sender; returns ToNumber, Text, MediaCount.</summary>
    public abstract string AttachSender { get; }

    public abstract string SetInboxConversation { get; }

    public abstract string FillOutboundDetails { get; }

    public abstract string InsertMedia { get; }

    /// <summary>Inserts the event or counts a repeat; returns Repeats (0 for a new event).</summary>
    public abstract string InsertEvent { get; }

    /// <summary>Inserts the event unless the same (message, sequence, state) is stored; never counts a repeat.</summary>
    public abstract string InsertEventOnce { get; }

    public abstract string CountInboundRepeat { get; }

    /// <summary>Creates or advances a conversation; returns its Id.</summary>
    public abstract string UpsertConversation { get; }

    public abstract string UpdateConversationPreview { get; }

    public abstract string UpsertOptOut { get; }

    /// <summary>Sets UnreadCount to 0 while the conversation has unread messages and the seen MessageCount; returns a row when it did.</summary>
    public abstract string MarkConversationRead { get; }

    public abstract string ForgetOldSubmissions { get; }

    /// <summary>Returns a row only when the key was free.</summary>
    public abstract string ClaimSubmission { get; }

    public abstract string FinishSubmission { get; }

    public abstract string ForgetSubmission { get; }

    public abstract string TrimNonces { get; }

    /// <summary>Adds a delta to a rollup row; returns 1 when the sums are still 64-bit integers.</summary>
    public abstract string AddToRollup { get; }

    /// <summary>Adds a delta to a latency histogram row (<see cref="Reports.LatencyBucket"/>).</summary>
    public abstract string AddToLatency { get; }
}
