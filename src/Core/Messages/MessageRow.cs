namespace Dashboard.Core.Messages;

/// <summary>The columns of a message that the state rules and the rollups look at.</summary>
internal sealed record MessageRow
{
    public MessageDirection Direction { get; init; }

    public MessageType Type { get; init; }

    public MessageState State { get; init; }

    public int? LastSequence { get; init; }

    public int? Units { get; init; }

    public long? TotalAmount { get; init; }

    public string? ErrorCode { get; init; }

    public string? Mcc { get; init; }

    public string? Mnc { get; init; }

    public string? CountryIso2 { get; init; }

    public string? ConversationOrigin { get; init; }

    public string? PowerpackUuid { get; init; }

    public DateTime MessageTime { get; init; }

    public DateTime? QueuedTime { get; init; }

    public DateTime? SentTime { get; init; }

    public DateTime? DeliveryReportTime { get; init; }

    /// <summary>The sender, as stored (a Powerpack send has none until its first callback names it).</summary>
    public string? FromNumber { get; init; }
}

/// <summary>
/// The stage times one callback gives a message: its own, or the time we heard of the stage when Plivo left it out.
/// Stored as <c>QueuedTime</c> and <c>SentTime</c> when the message had none yet (the first value stays), and as
/// <c>DeliveryReportTime</c> when the callback is applied (otherwise only when it had none).
/// </summary>
internal readonly record struct StageTimes(DateTime? Queued, DateTime? Sent, DateTime? DeliveryReport)
{
    public static StageTimes Of(Webhooks.StatusCallback cb, DateTime now, bool applied) => new(
        cb.QueuedTime ?? (cb.Status == MessageState.Queued ? now : null),
        cb.SentTime ?? (cb.Status == MessageState.Sent ? now : null),
        cb.DeliveryReportTime ?? (applied && MessageStateRules.IsFinal(cb.Status) && cb.Status != MessageState.Failed ? now : null));

    /// <summary>The message's stage times once this callback is written over <paramref name="old"/>'s.</summary>
    public MessageRow Merge(MessageRow old, bool applied) => old with
    {
        QueuedTime = old.QueuedTime ?? Queued,
        SentTime = old.SentTime ?? Sent,
        DeliveryReportTime = applied ? DeliveryReport ?? old.DeliveryReportTime : old.DeliveryReportTime ?? DeliveryReport,
    };
}

/// <summary>A stored message as the writer finds it.</summary>
internal readonly record struct ExistingMessage(long Id, long? InboxConversationId, MessageRow Row);
