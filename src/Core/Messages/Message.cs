namespace Dashboard.Core.Messages;

/// <summary>
/// One message detail record (Plivo's MDR), outbound or inbound, kept current by status callbacks.
/// Amounts are in 1/100000 currency units (<see cref="PlivoAmount"/>); times are UTC.
/// </summary>
public sealed class Message
{
    public long Id { get; set; }

    public required string MessageUuid { get; set; }

    public MessageDirection Direction { get; set; }

    public MessageType Type { get; set; }

    public MessageState State { get; set; }

    /// <summary>The highest <c>Sequence</c> received so far, applied or not (the state rules compare against it); null when no callback carried one.</summary>
    public int? LastSequence { get; set; }

    public string FromNumber { get; set; } = "";

    public string ToNumber { get; set; } = "";

    /// <summary>SMS text, or MMS/WhatsApp body. Null when the sender asked Plivo not to log content.</summary>
    public string? Text { get; set; }

    public int? Units { get; set; }

    public long? TotalRate { get; set; }

    public long? TotalAmount { get; set; }

    /// <summary>Plivo's error code as a string ("000" is success, never parsed as a number).</summary>
    public string? ErrorCode { get; set; }

    public string? Mcc { get; set; }

    public string? Mnc { get; set; }

    /// <summary>ISO 3166 alpha-2 of the destination (outbound) or sender (inbound), from MCC or the number.</summary>
    public string? CountryIso2 { get; set; }

    public string? PowerpackUuid { get; set; }

    /// <summary>
    /// Plivo's WhatsApp conversation (<c>ConversationID</c> in callbacks, what Plivo bills by); not our inbox
    /// conversation, which is <see cref="InboxConversationId"/>.
    /// </summary>
    public string? PlivoConversationId { get; set; }

    public string? ConversationOrigin { get; set; }

    public DateTime? ConversationExpiresAt { get; set; }

    /// <summary>When the message was initiated (outbound) or received (inbound).</summary>
    public DateTime MessageTime { get; set; }

    public DateTime? QueuedTime { get; set; }

    public DateTime? SentTime { get; set; }

    public DateTime? DeliveryReportTime { get; set; }

    /// <summary>When we last changed this record.</summary>
    public DateTime UpdatedAt { get; set; }

    public string? RequesterIp { get; set; }

    public string? ParentMessageUuid { get; set; }

    public string? PartInfo { get; set; }

    /// <summary>Plivo's <c>log</c> option of the send (true, false, content_only, number_only); null for inbound.</summary>
    public string? Log { get; set; }

    // Inbound-only attributes.
    public string? ContentType { get; set; }

    public string? MimeType { get; set; }

    public string? MessageIntent { get; set; }

    /// <summary>The MessageUUID this inbound WhatsApp message replies to (the <c>Context</c> attribute).</summary>
    public string? ContextMessageUuid { get; set; }

    public string? ButtonText { get; set; }

    public string? ButtonPayload { get; set; }

    public int MediaCount { get; set; }

    /// <summary>The inbox conversation (our number, contact, channel) this message belongs to.</summary>
    public long? InboxConversationId { get; set; }

    public List<MessageMedia> Media { get; set; } = [];

    public List<MessageEvent> Events { get; set; } = [];
}

/// <summary>A media URL of an MMS or WhatsApp message.</summary>
public sealed class MessageMedia
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    /// <summary>The index in Plivo's <c>Media&lt;n&gt;</c> key (0- or 1-based, as Plivo sent it).</summary>
    public int Index { get; set; }

    public required string Url { get; set; }

    public string? ContentType { get; set; }
}

/// <summary>
/// One webhook call (or our own accepted send) in a message's timeline, with every parameter as received.
/// A repeat of the same (message, sequence, status) is stored once and counted in <see cref="Repeats"/>.
/// </summary>
public sealed class MessageEvent
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    public MessageEventKind Kind { get; set; }

    public MessageState State { get; set; }

    public int? Sequence { get; set; }

    public string? ErrorCode { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>How many more times the same callback arrived after the first.</summary>
    public int Repeats { get; set; }

    /// <summary>When the last repeat arrived (null while it has come once): for a reconciliation answer, when Plivo was
    /// last asked about the message.</summary>
    public DateTime? LastReceivedAt { get; set; }

    /// <summary>Whether this event changed the message's state (false when it arrived late or repeated).</summary>
    public bool Applied { get; set; }

    /// <summary>Every parameter of the call, unknown ones included, as a JSON object.</summary>
    public required string RawParameters { get; set; }
}
