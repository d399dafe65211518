using Dashboard.Core.Messages;

namespace Dashboard.Core.Webhooks;

/// <summary>
/// A status callback (every attribute Plivo documents: docs/plivo/status-callbacks.md), parsed and typed.
/// Amounts are in 1/100000 units; times are UTC.
/// </summary>
public sealed record StatusCallback
{
    public required string MessageUuid { get; init; }

    public string To { get; init; } = "";

    public string From { get; init; } = "";

    public MessageType Type { get; init; }

    public MessageState Status { get; init; }

    public DateTime? ConversationExpiresAt { get; init; }

    public string? ConversationOrigin { get; init; }

    /// <summary>Plivo's WhatsApp conversation (<c>ConversationID</c>), not our inbox conversation.</summary>
    public string? PlivoConversationId { get; init; }

    public int? Units { get; init; }

    public long? TotalRate { get; init; }

    public long? TotalAmount { get; init; }

    public string? Mcc { get; init; }

    public string? Mnc { get; init; }

    public string? ErrorCode { get; init; }

    public string? ParentMessageUuid { get; init; }

    public string? PartInfo { get; init; }

    public int? Sequence { get; init; }

    public DateTime? MessageTime { get; init; }

    public DateTime? QueuedTime { get; init; }

    public DateTime? SentTime { get; init; }

    public DateTime? DeliveryReportTime { get; init; }

    public string? RequesterIp { get; init; }

    public string? PowerpackUuid { get; init; }

    /// <summary>Every parameter as received, unknown ones included.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Raw { get; init; }
}

/// <summary>An inbound message webhook (docs/plivo/inbound-messages.md), parsed and typed.</summary>
public sealed record InboundMessage
{
    public required string MessageUuid { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary><c>Text</c> for SMS, <c>Body</c> for MMS and WhatsApp.</summary>
    public string? Text { get; init; }

    public MessageType Type { get; init; }

    public int? Units { get; init; }

    public long? TotalRate { get; init; }

    public long? TotalAmount { get; init; }

    public string? ContentType { get; init; }

    public string? MimeType { get; init; }

    public string? ErrorCode { get; init; }

    public string? ContextMessageUuid { get; init; }

    public string? ButtonText { get; init; }

    public string? ButtonPayload { get; init; }

    /// <summary><c>optout</c>, <c>optin</c> or <c>help</c>: Plivo's, or ours when the text is exactly a keyword.</summary>
    public string? MessageIntent { get; init; }

    public string? PowerpackUuid { get; init; }

    public int MediaCount { get; init; }

    public IReadOnlyList<InboundMedia> Media { get; init; } = [];

    public required IReadOnlyList<KeyValuePair<string, string>> Raw { get; init; }
}

/// <summary>A <c>Media&lt;n&gt;</c> URL of an inbound message.</summary>
public sealed record InboundMedia(int Index, string Url);

/// <summary>A field of a webhook that could not be read, and why.</summary>
public sealed record WebhookFieldError(string Field, string Problem)
{
    /// <summary>The errors in one line of text ("Status must be …; MessageUUID is required").</summary>
    public static string Describe(IEnumerable<WebhookFieldError> errors) => string.Join("; ", errors.Select(e => $"{e.Field} {e.Problem}"));
}

/// <summary>The outcome of parsing: the value, or the fields that made it unreadable.</summary>
public sealed record WebhookParseResult<T>(T? Value, IReadOnlyList<WebhookFieldError> Errors)
    where T : class
{
    public bool IsValid => Value is not null && Errors.Count == 0;
}
