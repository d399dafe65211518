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
}

/// <summary>A stored message as the writer finds it.</summary>
internal readonly record struct ExistingMessage(long Id, long? InboxConversationId, MessageRow Row);
